package org.movetimeline.bench;

import org.junit.jupiter.api.Test;
import org.movetimeline.bench.ChaosEvents.Kind;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shared PostgreSQL must never be stopped by accident; the rest of the settings fail with the variable's name. */
class ChaosSettingsTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("CHAOS_SERVICE_JAR", "target/quarkus-app/quarkus-run.jar",
                "CHAOS_KAFKA_SCRIPT", "bin/kafka-broker", "CHAOS_KAFKA_DIR", "target/chaos/kafka",
                "CHAOS_RESULTS_DIR", "bench/results", "CHAOS_LOG_DIR", "target/chaos"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void byDefaultAllEventsAgainstAThrowawayClusterOnPortsApartFromBenchRun() {
        ChaosSettings s = ChaosSettings.fromEnvironment(env());

        assertEquals(100_000, s.items());
        assertEquals(List.of(Kind.RECEIVER, Kind.INGEST, Kind.BROKER, Kind.DB), s.kinds());
        assertTrue(s.database().own());
        assertTrue(s.database().restartable());
        assertEquals(0, s.database().port(), "a free port");
        assertEquals(new ChaosSettings.Ports(0, 0, 0, 0, 0, 0), s.ports(), "free ports, picked at the start");
        ChaosSettings.Ports picked = s.ports().resolve();
        List<Integer> all = List.of(picked.receiver(), picked.ingest(), picked.receiverManagement(),
                picked.ingestManagement(), picked.kafka(), picked.kafkaController());
        assertEquals(6, Set.copyOf(all).size(), "six different ports: " + all);
        assertTrue(all.stream().allMatch(p -> p > 0));
        assertEquals(28080, ChaosSettings.fromEnvironment(env("CHAOS_RECEIVER_PORT", "28080")).ports().resolve().receiver());
        assertEquals(List.of(), s.notes());
    }

    @Test
    void anExternalDatabaseIsNotStoppedUnlessTheUserSaysHow() {
        ChaosSettings s = ChaosSettings.fromEnvironment(env("CHAOS_DB", "external", "PGPORT", "5433"));

        assertFalse(s.database().own());
        assertFalse(s.database().restartable());
        assertEquals(List.of(Kind.RECEIVER, Kind.INGEST, Kind.BROKER), s.kinds());
        assertEquals(1, s.notes().size());
        assertEquals(5433, s.database().port());

        IllegalArgumentException asked = assertThrows(IllegalArgumentException.class, () -> ChaosSettings.fromEnvironment(
                env("CHAOS_DB", "external", "CHAOS_EVENTS", "ingest db")));
        assertTrue(asked.getMessage().contains("CHAOS_DB_STOP_COMMAND"), asked.getMessage());

        ChaosSettings allowed = ChaosSettings.fromEnvironment(env("CHAOS_DB", "external",
                "CHAOS_DB_STOP_COMMAND", "pg_ctlcluster 15 main stop", "CHAOS_DB_START_COMMAND", "pg_ctlcluster 15 main start"));
        assertTrue(allowed.database().restartable());
        assertTrue(allowed.kinds().contains(Kind.DB));
    }

    @Test
    void settingsAreReadAndBadOnesNamed() {
        ChaosSettings s = ChaosSettings.fromEnvironment(env("CHAOS_ITEMS", "5000", "CHAOS_MEAN_INTERVAL_S", "2.5",
                "CHAOS_MAX_DOWN_S", "0", "CHAOS_EVENTS", "receiver,broker", "CHAOS_SEED", "-7"));
        assertEquals(5000, s.items());
        assertEquals(Duration.ofMillis(2500), s.meanGap());
        assertEquals(Duration.ZERO, s.maxDown());
        assertEquals(List.of(Kind.RECEIVER, Kind.BROKER), s.kinds());
        assertEquals(-7, s.seed());

        for (String[] bad : new String[][] {{"CHAOS_ITEMS", "0"}, {"CHAOS_RATE", "fast"}, {"CHAOS_FAIL_429_RATIO", "1.5"},
                {"CHAOS_MEAN_INTERVAL_S", "0"}, {"CHAOS_KAFKA_PORT", "70000"}, {"CHAOS_DB", "shared"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChaosSettings.fromEnvironment(env(bad[0], bad[1])), bad[0]);
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.fromEnvironment(
                env("CHAOS_FAIL_429_RATIO", "0.6", "CHAOS_FAIL_500_RATIO", "0.6")));
        assertThrows(IllegalArgumentException.class, () -> ChaosSettings.fromEnvironment(Map.of()), "infrastructure unset");
    }
}
