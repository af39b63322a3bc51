package org.movetimeline.bench;

import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.NotifierStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One chaos soak as a Markdown page: what ran, what broke when, what the pipeline holds, the verdict. */
final class ChaosReport {

    /**
     * One line of the event log.
     *
     * @param number  of the scheduled event; 0 for what the supervisor did on its own
     * @param at      seconds since the soak started
     * @param took    seconds from the event's start to the part being back
     */
    record Entry(int number, double at, String kind, String details, double took) {
    }

    private final ChaosSettings settings;
    private final String machine;
    private final String database;
    private final ZonedDateTime started;
    private final Verdict verdict;
    private final NotifierStats.Snapshot notifier;
    private final ApiStats.Snapshot api;
    private final double notifySeconds;
    private final double drainSeconds;
    private final double totalSeconds;
    private final long notificationRecords;
    private final long lag;
    private final PipelineCensus census;
    private final StallMeter stalls;
    private final List<Entry> events;

    ChaosReport(ChaosSettings settings, String machine, String database, ZonedDateTime started, Verdict verdict,
                NotifierStats.Snapshot notifier, ApiStats.Snapshot api, double notifySeconds, double drainSeconds,
                double totalSeconds, long notificationRecords, long lag, PipelineCensus census, StallMeter stalls,
                List<Entry> events) {
        this.settings = settings;
        this.machine = machine;
        this.database = database;
        this.started = started;
        this.verdict = verdict;
        this.notifier = notifier;
        this.api = api;
        this.notifySeconds = notifySeconds;
        this.drainSeconds = drainSeconds;
        this.totalSeconds = totalSeconds;
        this.notificationRecords = notificationRecords;
        this.lag = lag;
        this.census = census;
        this.stalls = stalls;
        this.events = List.copyOf(events);
    }

    /** Writes {@code chaos-<time>.md} into {@code dir} and returns it. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path page = dir.resolve("chaos-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.writeString(page, markdown());
        return page;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Chaos soak ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("**").append(verdict.passed() ? "PASS" : "FAIL").append("**: ");
        md.append(verdict.passed() ? String.format(Locale.ROOT, "all %,d acknowledged items accounted for", verdict.acknowledged())
                : String.join("; ", verdict.reasons())).append(".\n\n");
        md.append("```\n").append(verdict.line()).append("\n```\n\n");
        md.append(machine).append(" Broker, PostgreSQL, simulator, soak driver and both service processes share it.\n\n");

        md.append("## Settings\n\n| setting | value |\n|---|---|\n");
        row(md, "items (CHAOS_ITEMS)", String.format(Locale.ROOT, "%,d", settings.items()));
        row(md, "notifier pace (CHAOS_RATE)", settings.itemsPerSecond() + " items/s, batches of up to " + settings.batchSize()
                + " (CHAOS_BATCH_SIZE), each retried until 200");
        row(md, "simulated users (CHAOS_USERS)", settings.users() + " in each of 2 projects");
        row(md, "MOVE API failure injection", String.format(Locale.ROOT, "%.0f %% 429, %.0f %% 500 (CHAOS_FAIL_429_RATIO, CHAOS_FAIL_500_RATIO)",
                settings.fail429Ratio() * 100, settings.fail500Ratio() * 100));
        row(md, "seed (CHAOS_SEED)", Long.toString(settings.seed()));
        row(md, "events (CHAOS_EVENTS)", settings.kinds().stream().map(k -> k.word).collect(Collectors.joining(" ")));
        row(md, "mean gap between events (CHAOS_MEAN_INTERVAL_S)", seconds(settings.meanGap().toMillis() / 1000.0));
        row(md, "longest down time (CHAOS_MAX_DOWN_S)", seconds(settings.maxDown().toMillis() / 1000.0));
        row(md, "timeouts", settings.notifyTimeout().toSeconds() + " s to get everything acknowledged, "
                + settings.drainTimeout().toSeconds() + " s to drain");
        row(md, "database", database);
        row(md, "service JVM options (CHAOS_SERVICE_JAVA_OPTS)", "`" + String.join(" ", settings.infrastructure().serviceJavaOptions()) + "`");
        settings.notes().forEach(note -> row(md, "note", note));
        md.append("\nReproduce: `CHAOS_ITEMS=").append(settings.items()).append(" CHAOS_RATE=").append(settings.itemsPerSecond())
                .append(" CHAOS_SEED=").append(settings.seed()).append(" bench/chaos` (the same events in the same order;"
                        + " their timing depends on the machine).\n\n");

        md.append("## Outcome\n\n| | |\n|---|---:|\n");
        count(md, "items acknowledged by the receiver", verdict.acknowledged());
        count(md, "rows in timeline_item", verdict.rows());
        count(md, "**missing** (acknowledged, neither row nor dead-lettered)", verdict.missing());
        count(md, "dead-lettered (acknowledged, on the DLQ, not a row)", verdict.deadLettered());
        count(md, "**not on move.timeline.items** (row, but never published)", verdict.notOnItemsTopic());
        count(md, "duplicates on move.timeline.items (at least once: not a failure)", verdict.duplicatesOnItemsTopic());
        count(md, "records on move.timeline.items", census.itemsTopicRecords());
        count(md, "records on move.timeline.notifications (above the acknowledged: batches sent again after a lost answer)",
                notificationRecords);
        count(md, "records on the DLQ", census.dlqRecords());
        count(md, "rows of items never acknowledged", verdict.unexpectedRows());
        if (census.unreadableItems() + census.unreadableDlq() > 0) {
            count(md, "records without a readable item key (items topic)", census.unreadableItems());
            count(md, "records without a readable item key (DLQ)", census.unreadableDlq());
        }
        count(md, "lag of group move-timeline-ingest on move.timeline.notifications at the end", lag);
        md.append(String.format(Locale.ROOT, "%nThe chaos phase (until every item was acknowledged and the event in hand"
                        + " was over) took %.0f s, draining %.0f s, the whole soak %.0f s.%n%n",
                notifySeconds, drainSeconds, totalSeconds));
        if (stalls.longestSeconds() > 0) {
            md.append(String.format(Locale.ROOT, "Longest stall: for %.0f s from second %.0f on, acknowledged items waited"
                    + " and no new row appeared (sampled every 5 s while notifying, every second while draining).%n%n",
                    stalls.longestSeconds(), stalls.longestFrom()));
        }
        if (!verdict.missingExamples().isEmpty()) {
            md.append("Missing, e.g. (project/user@start epoch second): ").append(verdict.missingExamples()).append("\n\n");
        }
        if (!census.dlqReasons().isEmpty()) {
            md.append("DLQ reasons:\n\n| reason | records |\n|---|---:|\n");
            census.dlqReasons().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(10)
                    .forEach(e -> md.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ").append(e.getValue()).append(" |\n"));
            md.append('\n');
        }

        md.append("## Load on the pipeline\n\n");
        md.append(String.format(Locale.ROOT, "Notifier: %,d batches acknowledged, %,d POSTs, %,d of them refused or unanswered"
                + " and retried.%n%n", notifier.batchesDelivered(), notifier.attempts(), notifier.failedAttempts()));
        md.append(String.format(Locale.ROOT, "MOVE simulator: %,d API calls, answers by status %s, %,d keys asked for.%n%n",
                api.requests(), new TreeMap<>(api.statuses()), api.keysRequested()));

        Verdict.EventCounts c = verdict.events();
        md.append(String.format(Locale.ROOT, "## Events%n%n%d events: receiver killed (-9) %d×, ingest process killed (-9)"
                        + " %d×, broker restarted %d×, PostgreSQL restarted %d×. Besides, the supervisor (what Kubernetes would"
                        + " do) restarted processes %d× after failed liveness checks and %d× after they ended by themselves.%n%n",
                c.events(), c.receiverKills(), c.ingestKills(), c.brokerRestarts(), c.dbRestarts(), c.livenessRestarts(),
                c.unexpectedExits()));
        md.append("| # | at s | event | what happened | back after s |\n|---:|---:|---|---|---:|\n");
        events.stream().sorted(Comparator.comparingDouble(Entry::at)).forEach(e -> md.append(String.format(Locale.ROOT,
                "| %s | %.0f | %s | %s | %s |%n", e.number() == 0 ? "" : Integer.toString(e.number()), e.at(), e.kind(),
                e.details(), e.number() == 0 ? "" : String.format(Locale.ROOT, "%.1f", e.took()))));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static void count(StringBuilder md, String name, long value) {
        md.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, "%,d", value)).append(" |\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
