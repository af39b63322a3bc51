package org.movetimeline.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorSettingsTest {

    @Test
    void defaults() {
        SimulatorSettings s = SimulatorSettings.defaults();
        assertEquals(8089, s.port());
        assertEquals(Map.of(1000, "demo-key"), s.credentials());
        assertEquals(50, s.usersPerProject());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.epoch());
        assertEquals(0, s.fail429Ratio());
        assertEquals(0, s.fail500Ratio());
        assertEquals(Set.of(), s.failAll500Projects());
        assertEquals(0, s.latencyMs());
        assertFalse(s.notifierEnabled());
        assertEquals(200, s.notifyRate());
        assertEquals(0, s.notifyMaxItems());
        assertEquals(1000, s.notifyBatchSize());
        assertEquals(Duration.ofSeconds(5), s.notifyInterval());
        assertEquals(Duration.ofSeconds(1), s.notifyRetryInitial());
        assertEquals(Duration.ofSeconds(30), s.notifyRetryMax());
    }

    @Test
    void readsEveryVariable() {
        SimulatorSettings s = SimulatorSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SIM_PORT", "9000"),
                Map.entry("SIM_THREADS", "4"),
                Map.entry("SIM_CREDENTIALS", " 1000:key-a , 1001:key:with:colons "),
                Map.entry("SIM_USERS_PER_PROJECT", "7"),
                Map.entry("SIM_EPOCH", "2025-06-01T12:00:00Z"),
                Map.entry("SIM_SEED", "42"),
                Map.entry("SIM_FAIL_429_RATIO", "0.1"),
                Map.entry("SIM_FAIL_500_RATIO", "0.05"),
                Map.entry("SIM_FAIL_ALL_500_PROJECTS", " 1001, 1002 "),
                Map.entry("SIM_LATENCY_MS", "20"),
                Map.entry("SIM_LATENCY_JITTER_MS", "10"),
                Map.entry("SIM_NOTIFY_URL", "http://localhost:8080/webhooks/move/timeline"),
                Map.entry("SIM_NOTIFY_SECRET", "s3cret"),
                Map.entry("SIM_NOTIFY_RATE", "12.5"),
                Map.entry("SIM_NOTIFY_MAX_ITEMS", "1000"),
                Map.entry("SIM_NOTIFY_BATCH_SIZE", "100"),
                Map.entry("SIM_NOTIFY_INTERVAL", "500ms"),
                Map.entry("SIM_NOTIFY_RETRY_INITIAL", "PT0.2S"),
                Map.entry("SIM_NOTIFY_RETRY_MAX", "2m"),
                Map.entry("SIM_PROGRESS_INTERVAL", "10")));
        assertEquals(9000, s.port());
        assertEquals(4, s.threads());
        assertEquals(Map.of(1000, "key-a", 1001, "key:with:colons"), s.credentials());
        assertEquals(7, s.usersPerProject());
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), s.epoch());
        assertEquals(42, s.seed());
        assertEquals(0.1, s.fail429Ratio());
        assertEquals(0.05, s.fail500Ratio());
        assertEquals(Set.of(1001, 1002), s.failAll500Projects());
        assertEquals(20, s.latencyMs());
        assertEquals(10, s.latencyJitterMs());
        assertEquals(URI.create("http://localhost:8080/webhooks/move/timeline"), s.notifyUrl().orElseThrow());
        assertEquals("s3cret", s.notifySecret());
        assertEquals(12.5, s.notifyRate());
        assertEquals(1000, s.notifyMaxItems());
        assertEquals(100, s.notifyBatchSize());
        assertEquals(Duration.ofMillis(500), s.notifyInterval());
        assertEquals(Duration.ofMillis(200), s.notifyRetryInitial());
        assertEquals(Duration.ofMinutes(2), s.notifyRetryMax());
        assertEquals(Duration.ofSeconds(10), s.progressInterval());
    }

    @Test
    void rejectsBadValuesNamingTheVariable() {
        assertMessage("SIM_PORT", Map.of("SIM_PORT", "eighty"));
        assertMessage("SIM_FAIL_429_RATIO", Map.of("SIM_FAIL_429_RATIO", "0.7", "SIM_FAIL_500_RATIO", "0.7"));
        assertMessage("SIM_NOTIFY_SECRET", Map.of("SIM_NOTIFY_URL", "http://localhost:1/x"));
        assertMessage("SIM_NOTIFY_URL", Map.of("SIM_NOTIFY_URL", "localhost:1/x", "SIM_NOTIFY_SECRET", "s"));
        assertMessage("SIM_NOTIFY_INTERVAL", Map.of("SIM_NOTIFY_INTERVAL", "soon"));
        assertMessage("SIM_EPOCH", Map.of("SIM_EPOCH", "yesterday"));
        assertMessage("SIM_CREDENTIALS", Map.of("SIM_CREDENTIALS", "1000"));
        assertMessage("SIM_FAIL_ALL_500_PROJECTS", Map.of("SIM_FAIL_ALL_500_PROJECTS", "1001;1002"));
    }

    @Test
    void neverPrintsSecrets() {
        SimulatorSettings s = SimulatorSettings.fromEnvironment(Map.of(
                "SIM_CREDENTIALS", "1000:top-secret-key",
                "SIM_NOTIFY_URL", "http://localhost:1/x", "SIM_NOTIFY_SECRET", "hmac-secret"));
        assertFalse(s.toString().contains("top-secret-key"), s::toString);
        assertFalse(s.toString().contains("hmac-secret"), s::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorSettings.fromEnvironment(Map.of("SIM_CREDENTIALS", "x:top-secret-key")));
        assertFalse(e.getMessage().contains("top-secret-key"));
    }

    private static void assertMessage(String variable, Map<String, String> env) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorSettings.fromEnvironment(env));
        assertTrue(e.getMessage().contains(variable), e.getMessage());
    }
}
