package org.movetimeline.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fault phases' figures (shares, retries, limits, the summary fields) from known inputs. */
class FaultFiguresTest {

    private static final String METRICS = """
            # HELP move_api_limit Calls of the project MOVE may have in flight
            # TYPE move_api_limit gauge
            move_api_limit{project="1000"} 16.0
            move_api_limit{project="1001"} 3.0
            move_api_limit_other{project="1000"} 99.0
            # TYPE move_api_calls_total counter
            move_api_calls_total{outcome="success",project="1000"} 120.0
            move_api_calls_total{outcome="server_error",project="1001"} 7.0
            move_api_calls_total{outcome="too_many_requests",project="1001"} 5.0
            move_ingest_items_dead_lettered_total 2.0
            """;

    private static EndToEndProbe.Outcome rate(long rows, double seconds) {
        return new EndToEndProbe.Outcome(rows, rows, seconds, 0, 0, 0);
    }

    private static FaultPhases.Phase phase(EndToEndProbe.Outcome outcome, Map<Integer, Long> retries, String metrics) {
        return new FaultPhases.Phase("p", outcome, retries, new ServiceMetrics(metrics));
    }

    @Test
    void metricsAreSummedOverTheSamplesWhoseLabelsMatch() {
        ServiceMetrics m = new ServiceMetrics(METRICS);
        assertEquals(16.0, m.sum("move_api_limit", Map.of("project", "1000")), "not move_api_limit_other");
        assertEquals(19.0, m.sum("move_api_limit"));
        assertEquals(12.0, m.sum("move_api_calls_total", Map.of("project", "1001")));
        assertEquals(7.0, m.sum("move_api_calls_total", Map.of("project", "1001", "outcome", "server_error")));
        assertEquals(2.0, m.sum("move_ingest_items_dead_lettered_total"));
        assertEquals(0.0, m.sum("move_ingest_items_retried_total"), "a counter never touched is 0");
    }

    @Test
    void retryKeysAreCountedByTheProjectBeforeTheFirstColon() {
        assertEquals(1001, RetryTopics.projectOf("1001:u0001".getBytes(StandardCharsets.UTF_8)));
        assertEquals(1000, RetryTopics.projectOf("1000:user:with:colons".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, RetryTopics.projectOf("no-colon".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, RetryTopics.projectOf("x:1".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, RetryTopics.projectOf(null));
    }

    @Test
    void sharesOfTheHealthyRatesAndTheSummaryFields() {
        FaultPhases.Results results = new FaultPhases.Results(
                phase(rate(200_000, 20), Map.of(), METRICS),       // healthy: 10,000 items/s
                rate(100_000, 20),                                 // its project 1000: 5,000 items/s
                phase(rate(150_000, 20), Map.of(1000, 40L, 1001, 35L), METRICS), // (a): 7,500 items/s
                phase(rate(96_000, 20), Map.of(1001, 500L), METRICS),            // (b): 4,800 items/s
                phase(rate(220_000, 20), Map.of(), METRICS));      // (c): 11,000 items/s
        assertEquals(0.75, results.limitedShare(), 1e-9);
        assertEquals(0.96, results.outageHealthyShare(), 1e-9);
        assertEquals(0, results.outageHealthyRetries(), "the failing project's retries are not the healthy one's");
        assertEquals(2, results.limited().deadLettered());
        assertEquals(3, results.slow().settledLimit(), "the lower of the two projects' limits");
        assertEquals("faults_a_share=0.75 faults_a_dead=2 faults_b_healthy_share=0.96 faults_b_retries=0 "
                + "slow_move_items_per_s=11000 slow_move_limit=3", results.summaryFields());
    }

    @Test
    void aShareOfNothingIsZeroNotInfinity() {
        assertEquals(0.0, FaultPhases.share(5, 0));
        assertEquals(0.5, FaultPhases.share(5, 10));
    }

    @Test
    void copyBaselineRate() {
        assertEquals(50_000.0, new EndToEndProbe.CopyBaseline(100_000, 1 << 20, 2.0).rowsPerSecond());
        assertEquals(0.0, new EndToEndProbe.CopyBaseline(0, 0, 0).rowsPerSecond());
    }

    @Test
    void faultSettingsDefaultToTheEndToEndRateAndRefuseNonsense() {
        BenchSettings bench = BenchSettings.fromEnvironment(Map.of("BENCH_KAFKA_BOOTSTRAP", "k:1", "BENCH_JDBC_URL", "j",
                "BENCH_SERVICE_JAR", "s.jar", "BENCH_RESULTS_DIR", "r", "BENCH_LOG_DIR", "l",
                "BENCH_E2E_ITEMS_PER_S", "9000"));
        FaultPhases.Settings off = FaultPhases.Settings.fromEnvironment(Map.of(), bench);
        assertEquals(new FaultPhases.Settings(false, 9000, 20, 40), off);
        assertEquals(new FaultPhases.Settings(true, 5000, 30, 40), FaultPhases.Settings.fromEnvironment(
                Map.of("BENCH_FAULTS", "1", "BENCH_FAULTS_ITEMS_PER_S", "5000", "BENCH_FAULTS_S", "30"), bench));
        assertThrows(IllegalArgumentException.class,
                () -> FaultPhases.Settings.fromEnvironment(Map.of("BENCH_FAULTS_S", "0"), bench));
    }
}
