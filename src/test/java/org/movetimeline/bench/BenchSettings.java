package org.movetimeline.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, read from environment variables (bench/run sets the infrastructure
 * ones; a user tunes the rest). Defaults give a run of about two and a half minutes.
 *
 * @param concurrencies      closed-loop webhook callers of each receiver phase (BENCH_CONCURRENCY, "1 2 4 8 16")
 * @param phaseSeconds       length of each of those phases (BENCH_PHASE_S, 10)
 * @param warmupSeconds      unmeasured load before the first phase, for the JIT and the topics (BENCH_WARMUP_S, 10)
 * @param halfLoadItemsPerS  open-loop rate of the latency phase (BENCH_HALF_LOAD_ITEMS_PER_S, 25000: half the goal)
 * @param openLoopSeconds    length of the latency phase (BENCH_OPEN_LOOP_S, 15)
 * @param e2eItemsPerS       open-loop rate of the end-to-end phase (BENCH_E2E_ITEMS_PER_S, 15000)
 * @param e2eSeconds         length of the end-to-end phase (BENCH_E2E_S, 30)
 * @param e2eTimeoutSeconds  how long the ingest side may take to persist everything (BENCH_E2E_TIMEOUT_S, 300)
 * @param usersPerProject    simulated users of each of the two projects (BENCH_USERS, 2000)
 */
public record BenchSettings(List<Integer> concurrencies, int phaseSeconds, int warmupSeconds, int halfLoadItemsPerS,
                            int openLoopSeconds, int e2eItemsPerS, int e2eSeconds, int e2eTimeoutSeconds,
                            int usersPerProject, Infrastructure infrastructure) {

    /** Where bench/run put the broker, the database and the build, and where the results go. */
    public record Infrastructure(String kafkaBootstrap, String jdbcUrl, String jdbcUser, Path serviceJar,
                                 int receiverPort, int ingestPort, Path resultsDir, Path logDir,
                                 List<String> serviceJavaOptions) {
    }

    public static BenchSettings fromEnvironment(Map<String, String> env) {
        EnvSource s = new EnvSource(env, "bench/run");
        List<Integer> concurrencies;
        try {
            concurrencies = s.words("BENCH_CONCURRENCY", "1 2 4 8 16").stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("BENCH_CONCURRENCY must be whole numbers, not " + s.text("BENCH_CONCURRENCY", ""));
        }
        if (concurrencies.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("BENCH_CONCURRENCY: every level must be at least 1");
        }
        Infrastructure infrastructure = new Infrastructure(
                s.required("BENCH_KAFKA_BOOTSTRAP"), s.required("BENCH_JDBC_URL"), s.text("BENCH_JDBC_USER", "postgres"),
                Path.of(s.required("BENCH_SERVICE_JAR")), s.number("BENCH_RECEIVER_PORT", 18080),
                s.number("BENCH_INGEST_PORT", 18081), Path.of(s.required("BENCH_RESULTS_DIR")),
                Path.of(s.required("BENCH_LOG_DIR")),
                List.copyOf(s.words("BENCH_SERVICE_JAVA_OPTS", "-Xms1g -Xmx2g")));
        return new BenchSettings(concurrencies, s.number("BENCH_PHASE_S", 10), s.number("BENCH_WARMUP_S", 10),
                s.number("BENCH_HALF_LOAD_ITEMS_PER_S", 25_000), s.number("BENCH_OPEN_LOOP_S", 15),
                s.number("BENCH_E2E_ITEMS_PER_S", 15_000), s.number("BENCH_E2E_S", 30),
                s.number("BENCH_E2E_TIMEOUT_S", 300), s.number("BENCH_USERS", 2000), infrastructure);
    }
}
