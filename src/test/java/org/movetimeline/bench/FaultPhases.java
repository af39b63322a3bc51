package org.movetimeline.bench;

import org.apache.kafka.common.TopicPartition;
import org.movetimeline.bench.SignedBatches.SignedBatch;
import org.movetimeline.ingest.IngestConsumer;
import org.movetimeline.simulator.MoveSimulator;
import org.movetimeline.simulator.SimulatorSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * The phases of {@code bench/run --faults} (BENCH_FAULTS=1): the ingest-only process against a MOVE simulator
 * of its own per phase, each with one kind of trouble, after a healthy reference phase of the same load.
 * <ol>
 * <li>healthy: the reference for the others (same rate and length, MOVE healthy, no added latency);</li>
 * <li>(a) MOVE at 50 ms with 20 % 429 and 10 % 500: how much of the healthy rate is left, and whether
 *     anything is dead-lettered (retry delays shortened to 2 s / 30 s so retried items come back within the
 *     phase);</li>
 * <li>(b) project 1001 answers only 500: does project 1000 keep its healthy rate, with no retries?</li>
 * <li>(c) MOVE healthy at 150 ms a call: items/s of one ingest process and the adaptive limit it settles at.</li>
 * </ol>
 * Each phase empties timeline_item and moves the consumer group past every notification and retry record of
 * the phases before, so that it counts its own items only.
 */
final class FaultPhases {

    static final int HEALTHY_PROJECT = 1000;
    static final int FAILING_PROJECT = 1001;

    /**
     * @param itemsPerS       open-loop rate of every fault phase (BENCH_FAULTS_ITEMS_PER_S, default
     *                        BENCH_E2E_ITEMS_PER_S)
     * @param seconds         sending time of each (BENCH_FAULTS_S, 20)
     * @param timeoutSeconds  how long a phase may take to persist what it sent (BENCH_FAULTS_TIMEOUT_S, 40: a
     *                        phase that falls behind is measured on what it persisted by then)
     */
    record Settings(boolean enabled, int itemsPerS, int seconds, int timeoutSeconds) {
        static Settings fromEnvironment(Map<String, String> env, BenchSettings bench) {
            return new Settings("1".equals(env.get("BENCH_FAULTS")),
                    number(env, "BENCH_FAULTS_ITEMS_PER_S", bench.e2eItemsPerS()), number(env, "BENCH_FAULTS_S", 20),
                    number(env, "BENCH_FAULTS_TIMEOUT_S", 40));
        }

        private static int number(Map<String, String> env, String name, int fallback) {
            String value = env.get(name);
            try {
                int number = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
                if (number < 1) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a positive whole number, not " + value);
            }
        }
    }

    /** What one phase measured: rows (all projects, or the healthy one's in (b)), retries by project, the scrape. */
    record Phase(String name, EndToEndProbe.Outcome outcome, Map<Integer, Long> retriesByProject,
                 ServiceMetrics metrics) {
        long deadLettered() {
            return Math.round(metrics.sum("move_ingest_items_dead_lettered_total"));
        }

        long retries(int project) {
            return retriesByProject.getOrDefault(project, 0L);
        }

        /** The lower of the projects' adaptive limits at the end of the phase: the one that bounds the rate. */
        int settledLimit() {
            return (int) Math.round(Math.min(
                    metrics.sum("move_api_limit", Map.of("project", Integer.toString(HEALTHY_PROJECT))),
                    metrics.sum("move_api_limit", Map.of("project", Integer.toString(FAILING_PROJECT)))));
        }
    }

    /** The figures of the four phases, and the shares the goals are stated in. */
    record Results(Phase healthy, EndToEndProbe.Outcome healthyProjectInHealthy, Phase limited, Phase outage,
                   Phase slow) {
        double limitedShare() {
            return share(limited.outcome().itemsPerSecond(), healthy.outcome().itemsPerSecond());
        }

        double outageHealthyShare() {
            return share(outage.outcome().itemsPerSecond(), healthyProjectInHealthy.itemsPerSecond());
        }

        long outageHealthyRetries() {
            return outage.retries(HEALTHY_PROJECT);
        }

        String summaryFields() {
            return String.format(Locale.ROOT,
                    "faults_a_share=%.2f faults_a_dead=%d faults_b_healthy_share=%.2f faults_b_retries=%d "
                            + "slow_move_items_per_s=%d slow_move_limit=%d",
                    limitedShare(), limited.deadLettered(), outageHealthyShare(), outageHealthyRetries(),
                    Math.round(slow.outcome().itemsPerSecond()), slow.settledLimit());
        }
    }

    /** {@code part / whole}; 0 when there is no whole to compare with (a phase that persisted nothing). */
    static double share(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    private final Settings settings;
    private final BenchSettings.Infrastructure infra;
    private final Map<String, String> simulatorEnvironment;
    private final Map<String, String> serviceEnvironment;
    private final SignedBatches batches;
    private final WebhookLoad load;
    private final Consumer<String> say;
    private final EndToEndProbe probe;
    private final RetryTopics retryTopics;

    FaultPhases(Settings settings, BenchSettings.Infrastructure infra, Map<String, String> simulatorEnvironment,
                Map<String, String> serviceEnvironment, SignedBatches batches, WebhookLoad load, Consumer<String> say) {
        this.settings = settings;
        this.infra = infra;
        this.simulatorEnvironment = simulatorEnvironment;
        this.serviceEnvironment = serviceEnvironment;
        this.batches = batches;
        this.load = load;
        this.say = say;
        this.probe = new EndToEndProbe(infra.jdbcUrl(), infra.jdbcUser());
        this.retryTopics = new RetryTopics(infra.kafkaBootstrap());
    }

    Results run() throws Exception {
        EndToEndProbe.Outcome[] healthyProject = new EndToEndProbe.Outcome[1];
        Phase healthy = phase("healthy", Map.of(), Map.of(), p -> true,
                (sent, ack, first) -> healthyProject[0] = probe.measure(sent, ack, first, p -> p == HEALTHY_PROJECT));
        Phase limited = phase("(a) 50 ms, 20 % 429, 10 % 500",
                Map.of("SIM_LATENCY_MS", "50", "SIM_FAIL_429_RATIO", "0.2", "SIM_FAIL_500_RATIO", "0.1"),
                Map.of("MOVE_INGEST_RETRY_DELAY", "2s", "MOVE_INGEST_MAX_RETRY_DELAY", "30s"), p -> true, null);
        Phase outage = phase("(b) project " + FAILING_PROJECT + " answers 500",
                Map.of("SIM_FAIL_ALL_500_PROJECTS", Integer.toString(FAILING_PROJECT)), Map.of(),
                p -> p == HEALTHY_PROJECT, null);
        Phase slow = phase("(c) 150 ms, healthy", Map.of("SIM_LATENCY_MS", "150"), Map.of(), p -> true, null);
        say.accept(String.format(Locale.ROOT, "(b) project %d: %,.0f items/s against %,.0f in the healthy phase, "
                        + "%d retries",
                HEALTHY_PROJECT, outage.outcome().itemsPerSecond(), healthyProject[0].itemsPerSecond(),
                outage.retries(HEALTHY_PROJECT)));
        say.accept("(c) adaptive limit at the end: " + slow.settledLimit());
        return new Results(healthy, healthyProject[0], limited, outage, slow);
    }

    private interface ExtraMeasure {
        void measure(List<SignedBatch> sent, long[] ackMillis, long firstSend) throws Exception;
    }

    private Phase phase(String name, Map<String, String> simulatorExtra, Map<String, String> serviceExtra,
                        IntPredicate counted, ExtraMeasure extra) throws Exception {
        Map<String, String> simEnv = new HashMap<>(simulatorEnvironment);
        // The added latency is slept on the simulator's worker threads: enough of them that MOVE itself is
        // never what limits the calls in flight (2 projects x move.api.limit.max 16, with room to spare).
        simEnv.put("SIM_THREADS", "128");
        simEnv.putAll(simulatorExtra);
        try (MoveSimulator simulator = MoveSimulator.start(SimulatorSettings.fromEnvironment(simEnv))) {
            probe.clear();
            List<String> retryTiers = retryTopics.topics();
            ConsumerOffsets.skipToEnd(infra.kafkaBootstrap(), IngestConsumer.GROUP, "move.timeline.notifications");
            for (String tier : retryTiers) {
                ConsumerOffsets.skipToEnd(infra.kafkaBootstrap(), IngestConsumer.GROUP, tier);
            }
            Map<TopicPartition, Long> retriesBefore = retryTopics.endOffsets();

            Map<String, String> env = new HashMap<>(serviceEnvironment);
            env.put("MOVE_API_BASE_URL", simulator.baseUrl().toString());
            env.put("APP_RECEIVER_ENABLED", "false");
            env.putAll(serviceExtra);
            Files.createDirectories(infra.logDir());
            Path log = infra.logDir().resolve("ingest-" + name.replaceAll("[^a-z0-9]+", "-") + ".log");
            int count = Math.max(1, settings.itemsPerS() * settings.seconds() / SignedBatches.ITEMS_PER_BATCH);
            List<SignedBatch> fresh = batches.next(count);
            long[] ackMillis = new long[count];
            EndToEndProbe.Outcome outcome;
            ServiceMetrics metrics;
            say.accept("fault phase " + name + ": starting the ingest process (log " + log + ")");
            try (ServiceProcess ingest = ServiceProcess.start("ingest", infra.serviceJar(), infra.serviceJavaOptions(),
                    env, infra.ingestPort(), log)) {
                long firstSend = System.currentTimeMillis();
                double batchesPerS = settings.itemsPerS() / (double) SignedBatches.ITEMS_PER_BATCH;
                PhaseResult sent = load.openLoop(name, fresh, batchesPerS, count, ackMillis);
                long expected = EndToEndProbe.acknowledgedItems(fresh, ackMillis, counted);
                long rows = probe.awaitRows(expected, Duration.ofSeconds(settings.timeoutSeconds()),
                        r -> say.accept(String.format(Locale.ROOT, "  %,d of %,d rows", r, expected)));
                if (rows < expected) {
                    say.accept(String.format(Locale.ROOT, "  only %,d of %,d persisted within %d s", rows, expected,
                            settings.timeoutSeconds()));
                }
                metrics = ServiceMetrics.scrape(ingest.managementPort());
                // Kept beside the log: the calls by outcome and the breaker states explain a phase's figures.
                Files.writeString(Path.of(log.toString().replaceFirst("\\.log$", ".metrics")), metrics.text());
                outcome = probe.measure(fresh, ackMillis, firstSend, counted);
                if (extra != null) {
                    extra.measure(fresh, ackMillis, firstSend);
                }
                say.accept(String.format(Locale.ROOT, "  %,d batches acknowledged, %d refused",
                        sent.batchesAcknowledged(), sent.failures()));
            }
            Phase phase = new Phase(name, outcome, retryTopics.retriesSince(retriesBefore), metrics);
            say.accept(String.format(Locale.ROOT, "  %s: %,.0f items/s persisted (%,d of %,d), lag p99 %.0f ms, "
                            + "retried %s, dead-lettered %d, limit %d",
                    name, outcome.itemsPerSecond(), outcome.persisted(), outcome.expected(), outcome.lagP99Millis(),
                    phase.retriesByProject(), phase.deadLettered(), phase.settledLimit()));
            return phase;
        }
    }
}
