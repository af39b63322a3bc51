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

    private final BenchSettings settings;
    private final String machine;
    private final List<PhaseResult> ramp;
    private final PhaseResult halfLoad;
    private final EndToEndProbe.Outcome e2e;
    private final EndToEndProbe.CopyBaseline copy;
    /** Null unless bench/run --faults ran the fault phases. */
    private final FaultPhases.Results faults;

    Report(BenchSettings settings, String machine, List<PhaseResult> ramp, PhaseResult halfLoad,
           EndToEndProbe.Outcome e2e, EndToEndProbe.CopyBaseline copy, FaultPhases.Results faults) {
        this.settings = settings;
        this.machine = machine;
        this.ramp = ramp;
        this.halfLoad = halfLoad;
        this.e2e = e2e;
        this.copy = copy;
        this.faults = faults;
    }

    /** The end-to-end rate as a share of what one COPY of the same rows achieves: how far from PostgreSQL's pace. */
    double e2eVsCopy() {
        return FaultPhases.share(e2e.itemsPerSecond(), copy.rowsPerSecond());
    }

    double peakItemsPerSecond() {
        return ramp.stream().mapToDouble(PhaseResult::itemsPerSecond).max().orElse(0);
    }

    String summaryLine() {
        return String.format(Locale.ROOT,
                "receiver_items_per_s=%d ack_p50_ms=%.1f ack_p99_ms=%.1f e2e_items_per_s=%d e2e_p99_lag_ms=%d",
                Math.round(peakItemsPerSecond()), halfLoad.p50Millis(), halfLoad.p99Millis(),
                Math.round(e2e.itemsPerSecond()), Math.round(e2e.lagP99Millis()))
                + String.format(Locale.ROOT, " e2e_vs_copy=%.2f", e2eVsCopy())
                + (faults == null ? "" : " " + faults.summaryFields());
    }

    /** Writes {@code <stamp>.md} and {@code <stamp>.svg}, and copies them to {@code latest.*}; returns the page. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path svg = dir.resolve(stamp + ".svg");
        Files.writeString(svg, new ThroughputPlot(ramp).svg());
        Path page = dir.resolve(stamp + ".md");
        Files.writeString(page, markdown(svg.getFileName().toString()));
        Files.copy(svg, dir.resolve("latest.svg"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(page, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        return page;
    }

    private String markdown(String plot) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append(machine).append("\n\n");
        md.append("Broker, PostgreSQL, MOVE simulator, load driver and service all share this machine.\n\n");
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
                copy.rows(), copy.bytes(), copy.seconds(), copy.rowsPerSecond(), e2eVsCopy()));
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
        List<Goal> goals = new ArrayList<>(List.of(
                new Goal("≥ 50,000 items/s acknowledged (acks=all)",
                        String.format(Locale.ROOT, "%,.0f items/s", peakItemsPerSecond()), peakItemsPerSecond() >= 50_000),
                new Goal("p99 acknowledgement of a 1000-item batch < 50 ms at 25,000 items/s",
                        String.format(Locale.ROOT, "%.1f ms at %,d items/s", halfLoad.p99Millis(), settings.halfLoadItemsPerS()),
                        halfLoad.p99Millis() < 50 && settings.halfLoadItemsPerS() >= 25_000 && halfLoad.failures() == 0),
                new Goal("≥ 10,000 items/s persisted end to end",
                        String.format(Locale.ROOT, "%,.0f items/s", e2e.itemsPerSecond()),
                        e2e.itemsPerSecond() >= 10_000 && e2e.persisted() == e2e.expected())));
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
        return goals;
    }
}
