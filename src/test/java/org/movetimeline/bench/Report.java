package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run as a Markdown page, an SVG plot and the one machine-readable line. */
final class Report {

    record Goal(String what, String measured, boolean met) {
    }

    /** The MOVE phases' figures: receiver ramp and half load, end to end, the COPY baseline. */
    record MoveFigures(List<PhaseResult> ramp, PhaseResult halfLoad, EndToEndProbe.Outcome e2e,
                       EndToEndProbe.CopyBaseline copy) {

        /** The end-to-end rate as a share of what one COPY of the same rows achieves: how far from PostgreSQL's pace. */
        double e2eVsCopy() {
            return FaultPhases.share(e2e.itemsPerSecond(), copy.rowsPerSecond());
        }

        double peakItemsPerSecond() {
            return ramp.stream().mapToDouble(PhaseResult::itemsPerSecond).max().orElse(0);
        }
    }

    private final BenchSettings settings;
    private final String machine;
    /** Null with BENCH_SENTIANCE_ONLY=1. */
    private final MoveFigures move;
    /** Null unless bench/run --faults ran the fault phases. */
    private final FaultPhases.Results faults;
    private final SentiancePhase.Result sentiance;

    Report(BenchSettings settings, String machine, MoveFigures move, FaultPhases.Results faults,
           SentiancePhase.Result sentiance) {
        this.settings = settings;
        this.machine = machine;
        this.move = move;
        this.faults = faults;
        this.sentiance = sentiance;
    }

    String summaryLine() {
        List<String> fields = new ArrayList<>();
        if (move != null) {
            fields.add(String.format(Locale.ROOT,
                    "receiver_items_per_s=%d ack_p50_ms=%.1f ack_p99_ms=%.1f e2e_items_per_s=%d e2e_p99_lag_ms=%d "
                            + "e2e_vs_copy=%.2f",
                    Math.round(move.peakItemsPerSecond()), move.halfLoad().p50Millis(), move.halfLoad().p99Millis(),
                    Math.round(move.e2e().itemsPerSecond()), Math.round(move.e2e().lagP99Millis()), move.e2eVsCopy()));
        }
        if (faults != null) {
            fields.add(faults.summaryFields());
        }
        fields.add(sentiance.outcome().summaryFields());
        return String.join(" ", fields);
    }

    /** Writes {@code <stamp>.md} and {@code <stamp>.svg}, and copies them to {@code latest.*}; returns the page. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path svg = dir.resolve(stamp + ".svg");
        Path page = dir.resolve(stamp + ".md");
        if (move != null) {
            Files.writeString(svg, new ThroughputPlot(move.ramp()).svg());
            Files.copy(svg, dir.resolve("latest.svg"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(page, markdown(svg.getFileName().toString()));
        Files.copy(page, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        return page;
    }

    private String markdown(String plot) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append(machine).append("\n\n");
        md.append("Broker, PostgreSQL, simulator, load driver and service all share this machine.\n\n");
        if (move != null) {
            md.append(moveSection(plot));
        }
        md.append(sentianceSection());
        if (faults != null) {
            md.append(faultSection());
        }
        md.append("## Goals (2-core machine)\n\n| goal | measured | met |\n|---|---|---|\n");
        for (Goal goal : goals()) {
            md.append("| ").append(goal.what()).append(" | ").append(goal.measured()).append(" | ")
                    .append(goal.met() ? "yes" : "no").append(" |\n");
        }
        md.append("\n```\n").append(summaryLine()).append("\n```\n");
        return md.toString();
    }

    private String moveSection(String plot) {
        List<PhaseResult> ramp = move.ramp();
        PhaseResult halfLoad = move.halfLoad();
        EndToEndProbe.Outcome e2e = move.e2e();
        EndToEndProbe.CopyBaseline copy = move.copy();
        StringBuilder md = new StringBuilder();
        md.append("## Receiver, closed loop (").append(settings.phaseSeconds())
                .append(" s per level, receiver-only process, signed 1000-item batches)\n\n");
        md.append("| callers | batches | items/s acknowledged | p50 ms | p99 ms | max ms | failed |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PhaseResult r : ramp) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %,.0f | %.1f | %.1f | %.1f | %d |%n", r.concurrency(),
                    r.batchesAcknowledged(), r.itemsPerSecond(), r.p50Millis(), r.p99Millis(), r.maxMillis(), r.failures()));
        }
        md.append("\n![throughput and latency against callers](").append(plot).append(")\n\n");
        md.append(String.format(Locale.ROOT, "## Receiver at half load (open loop, %,d items/s for %d s)%n%n",
                settings.halfLoadItemsPerS(), settings.openLoopSeconds()));
        md.append("Latency counts from when a batch was due, so queueing behind a slow answer is included.\n\n");
        md.append("| batches | items/s acknowledged | p50 ms | p99 ms | max ms | failed |\n|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %d | %,.0f | %.1f | %.1f | %.1f | %d |%n%n", halfLoad.batchesAcknowledged(),
                halfLoad.itemsPerSecond(), halfLoad.p50Millis(), halfLoad.p99Millis(), halfLoad.maxMillis(),
                halfLoad.failures()));
        md.append(String.format(Locale.ROOT, "## End to end (open loop, %,d items/s for %d s; ingest process against the simulator)%n%n",
                settings.e2eItemsPerS(), settings.e2eSeconds()));
        md.append("Lag: receiver acknowledgement to `fetched_at` of the row. Rate: rows over the time from the first "
                + "send to the last `fetched_at`.\n\n");
        md.append("| items acknowledged | rows | seconds | items/s persisted | lag p50 ms | lag p99 ms | lag max ms |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f | %,.0f | %.0f | %.0f | %.0f |%n%n", e2e.expected(),
                e2e.persisted(), e2e.seconds(), e2e.itemsPerSecond(), e2e.lagP50Millis(), e2e.lagP99Millis(),
                e2e.lagMaxMillis()));
        md.append(String.format(Locale.ROOT, "COPY of the same %,d rows (%,d bytes, binary) into a temporary "
                        + "table on one connection: %.1f s, %,.0f rows/s; end to end is %.2f of that.%n%n",
                copy.rows(), copy.bytes(), copy.seconds(), copy.rowsPerSecond(), move.e2eVsCopy()));
        return md.toString();
    }

    private String sentianceSection() {
        SentiancePhase.Settings s = sentiance.settings();
        SentianceOutcome o = sentiance.outcome();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Sentiance end to end (open loop, %,d Firehose messages/s for %d s; "
                        + "deliveries of up to %d, gzip, %d apps x %d users; ingest process against the simulated "
                        + "REST v3 API)%n%n", s.messagesPerS(), s.seconds(), s.batch(), s.apps(), s.usersPerApp()));
        md.append(String.format(Locale.ROOT, "Sender: %,d deliveries accepted (%,d messages, %,.0f messages/s over %.1f s), "
                        + "%d refused and retried, %d sent twice, %d test payloads, %d failed webhook checks.%n%n",
                o.deliveries(), o.messagesAccepted(), o.messagesAcceptedPerSecond(), o.sendSeconds(),
                sentiance.sender().retries(), sentiance.sender().duplicates(), sentiance.sender().testPayloads(),
                sentiance.sender().checksFailed()));
        md.append(String.format(Locale.ROOT, "Before the first delivery the ingest process, idle with both consumers "
                + "subscribed, used %.1f %% of one core over %d s.%n%n", 100 * sentiance.idleCpuShare(),
                SentiancePhase.IDLE_SAMPLE.toSeconds()));
        md.append("Lag: the delivery's 200 to the row's `fetched_at` (transports: when the event was requested) or "
                + "`received_at` (other messages: the write's transaction). Rate: rows over the time from the first "
                + "send to the last such time.\n\n");
        md.append("| table | sent | stored | lost | extra rows | lag p50 ms | lag p99 ms | lag max ms |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(tallyRow("sentiance_transport", o.transports(), o.transportLag()));
        md.append(tallyRow("sentiance_message", o.others(), o.messageLag()));
        md.append(String.format(Locale.ROOT, "%n%,.0f transports/s stored end to end (%.1f s); %,d calls at the "
                        + "Sentiance API, %,.0f calls/s, by status %s.%n%n", o.transportsPerSecond(), o.transportSeconds(),
                o.apiCalls(), o.apiCallsPerSecond(), o.apiStatuses()));
        return md.toString();
    }

    private static String tallyRow(String table, SentianceOutcome.Tally t, SentianceOutcome.Lags lag) {
        return String.format(Locale.ROOT, "| `%s` | %,d | %,d | %,d | %,d | %.0f | %.0f | %.0f |%n", table, t.sent(),
                t.stored(), t.lost(), t.extra(), lag.p50(), lag.p99(), lag.max());
    }

    private String faultSection() {
        StringBuilder md = new StringBuilder();
        md.append("## Fault phases (ingest-only process, a MOVE simulator of its own per phase)\n\n");
        md.append("Rows counted: every project's, but in (b) project ").append(FaultPhases.HEALTHY_PROJECT)
                .append("'s only. (a) runs with MOVE_INGEST_RETRY_DELAY=2s, MOVE_INGEST_MAX_RETRY_DELAY=30s.\n\n");
        md.append("| phase | items acknowledged | rows | items/s persisted | lag p99 ms | retried by project "
                + "| dead-lettered | limit at end |\n");
        md.append("|---|---:|---:|---:|---:|---|---:|---:|\n");
        for (FaultPhases.Phase phase : List.of(faults.healthy(), faults.limited(), faults.outage(), faults.slow())) {
            EndToEndProbe.Outcome o = phase.outcome();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %.0f | %s | %d | %d |%n", phase.name(),
                    o.expected(), o.persisted(), o.itemsPerSecond(), o.lagP99Millis(), phase.retriesByProject(),
                    phase.deadLettered(), phase.settledLimit()));
        }
        md.append(String.format(Locale.ROOT, "%nProject %d in the healthy phase: %,.0f items/s; in (b): %,.0f items/s."
                        + "%n%n",
                FaultPhases.HEALTHY_PROJECT, faults.healthyProjectInHealthy().itemsPerSecond(),
                faults.outage().outcome().itemsPerSecond()));
        return md.toString();
    }

    List<Goal> goals() {
        List<Goal> goals = new ArrayList<>();
        if (move != null) {
            PhaseResult halfLoad = move.halfLoad();
            EndToEndProbe.Outcome e2e = move.e2e();
            goals.add(new Goal("≥ 50,000 items/s acknowledged (acks=all)",
                    String.format(Locale.ROOT, "%,.0f items/s", move.peakItemsPerSecond()),
                    move.peakItemsPerSecond() >= 50_000));
            goals.add(new Goal("p99 acknowledgement of a 1000-item batch < 50 ms at 25,000 items/s",
                    String.format(Locale.ROOT, "%.1f ms at %,d items/s", halfLoad.p99Millis(), settings.halfLoadItemsPerS()),
                    halfLoad.p99Millis() < 50 && settings.halfLoadItemsPerS() >= 25_000 && halfLoad.failures() == 0));
            goals.add(new Goal("≥ 10,000 items/s persisted end to end",
                    String.format(Locale.ROOT, "%,.0f items/s", e2e.itemsPerSecond()),
                    e2e.itemsPerSecond() >= 10_000 && e2e.persisted() == e2e.expected()));
        }
        if (faults != null) {
            goals.add(new Goal("(a) 429/500 at 50 ms: ≥ 70 % of the healthy rate, nothing dead-lettered",
                    String.format(Locale.ROOT, "%.0f %%, %d dead-lettered", 100 * faults.limitedShare(),
                            faults.limited().deadLettered()),
                    faults.limitedShare() >= 0.70 && faults.limited().deadLettered() == 0));
            goals.add(new Goal("(b) one project down: the other at its full healthy rate, no retries",
                    String.format(Locale.ROOT, "%.0f %%, %d retries", 100 * faults.outageHealthyShare(),
                            faults.outageHealthyRetries()),
                    faults.outageHealthyShare() >= 0.95 && faults.outageHealthyRetries() == 0));
            goals.add(new Goal("(c) MOVE at 150 ms: ≥ 10,000 items/s per ingest process",
                    String.format(Locale.ROOT, "%,.0f items/s, limit %d", faults.slow().outcome().itemsPerSecond(),
                            faults.slow().settledLimit()),
                    faults.slow().outcome().itemsPerSecond() >= 10_000));
        }
        SentianceOutcome o = sentiance.outcome();
        goals.add(new Goal("Sentiance: every message sent is one row (nothing lost, no extra rows)",
                String.format(Locale.ROOT, "%,d lost, %,d extra of %,d", o.lost(), o.extra(),
                        o.transports().sent() + o.others().sent()),
                o.lost() == 0 && o.extra() == 0));
        return goals;
    }
}
