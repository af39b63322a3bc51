package org.movetimeline.bench;

import org.junit.jupiter.api.Test;
import org.movetimeline.bench.FirehoseLedger.RowKey;
import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.sentiance.FirehoseSender;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sentiance phase's settings, its ledger of what was sent and the figures from sent against stored. */
class SentianceFiguresTest {

    private static final long T0 = 1_780_000_000_000L;

    private static byte[] transport(String user, String event) {
        return ("{\"meta\":{\"message_type\":\"transport\"},\"data\":{\"user_id\":\"" + user + "\",\"event_id\":\""
                + event + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] location(String user, double lat) {
        return ("{\"meta\":{\"message_type\":\"location\"},\"data\":{\"user_id\":\"" + user + "\",\"latitude\":" + lat
                + "}}").getBytes(StandardCharsets.UTF_8);
    }

    private static FirehoseSender.Accepted delivery(String app, long at, byte[]... messages) {
        return new FirehoseSender.Accepted(app, List.of(messages), Instant.ofEpochMilli(at));
    }

    @Test
    void theLedgerKeysTransportsByEventAndOtherMessagesByTheDigestOfTheirBytes() {
        FirehoseLedger ledger = new FirehoseLedger();
        ledger.accepted(delivery("a1", T0 + 100, transport("u1", "e1"), location("u1", 50.1), transport("u2", "e2")));
        // The same transport announced again (refined) and the same message bytes again: one row each, first time kept.
        ledger.accepted(delivery("a1", T0 + 300, transport("u1", "e1"), location("u1", 50.1), location("u1", 50.2)));
        ledger.accepted(delivery("a2", T0 + 400, transport("u1", "e1")));

        assertEquals(7, ledger.messages());
        assertEquals(3, ledger.deliveries());
        assertEquals(T0 + 400, ledger.lastAcceptedMillis());
        assertEquals(Map.of(new RowKey("a1", "u1", "e1"), T0 + 100, new RowKey("a1", "u2", "e2"), T0 + 100,
                new RowKey("a2", "u1", "e1"), T0 + 400), ledger.transports(), "apps are tenants: a2's e1 is its own row");
        String digest = FirehoseLedger.sha256Hex(location("u1", 50.1));
        assertEquals(64, digest.length());
        assertEquals(T0 + 100, ledger.others().get(new RowKey("a1", "u1", digest)));
        assertEquals(2, ledger.others().size());
        assertEquals(Set.of("transport", "location"), ledger.types());
    }

    @Test
    void theDigestIsSha256HexOfTheExactBytes() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FirehoseLedger.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void sentAgainstStoredGivesLostExtraLagsAndRates() {
        FirehoseLedger ledger = new FirehoseLedger();
        ledger.accepted(delivery("a1", T0 + 1_000, transport("u1", "e1"), transport("u1", "e2"), location("u1", 1)));
        ledger.accepted(delivery("a1", T0 + 2_000, transport("u2", "e3"), transport("u2", "e4"), location("u2", 2)));
        Map<RowKey, Long> transports = new HashMap<>();
        // Fetched before the sender read the 200: no lag, not a negative one.
        transports.put(new RowKey("a1", "u1", "e1"), T0 + 700);
        transports.put(new RowKey("a1", "u1", "e2"), T0 + 900);
        transports.put(new RowKey("a1", "u2", "e3"), T0 + 4_000);  // lag 2000, the last transport row
        transports.put(new RowKey("a1", "u9", "e9"), T0 + 3_000);  // never sent
        Map<RowKey, Long> messages = Map.of(
                new RowKey("a1", "u1", FirehoseLedger.sha256Hex(location("u1", 1))), T0 + 1_500,
                new RowKey("a1", "u2", FirehoseLedger.sha256Hex(location("u2", 2))), T0 + 5_000);

        SentianceOutcome o = SentianceOutcome.of(ledger, T0, ledger.lastAcceptedMillis(), transports, messages, 300,
                Map.of(200, 290L, 404, 10L));

        assertEquals(new SentianceOutcome.Tally(4, 4, 3), o.transports());
        assertEquals(1, o.transports().lost(), "e4 has no row");
        assertEquals(1, o.transports().extra(), "u9's row was never sent");
        assertEquals(new SentianceOutcome.Tally(2, 2, 2), o.others());
        assertEquals(1, o.lost());
        assertEquals(1, o.extra());
        assertEquals(new SentianceOutcome.Lags(0, 2_000, 2_000), o.transportLag());
        assertEquals(new SentianceOutcome.Lags(500, 3_000, 3_000), o.messageLag());
        assertEquals(2.0, o.sendSeconds());
        assertEquals(3.0, o.messagesAcceptedPerSecond(), "6 messages over the 2 s to the last 200");
        assertEquals(4.0, o.transportSeconds(), "to the last matched transport row, not the stray one");
        assertEquals(0.75, o.transportsPerSecond());
        assertEquals(5.0, o.seconds(), "to the newest row of either table");
        assertEquals(60.0, o.apiCallsPerSecond());
        assertEquals("sentiance_e2e_transports_per_s=1 sentiance_e2e_p99_lag_ms=2000 sentiance_lost=1",
                o.summaryFields());
    }

    @Test
    void aPhaseThatStoredNothingReportsZerosAndEverythingLost() {
        FirehoseLedger ledger = new FirehoseLedger();
        ledger.accepted(delivery("a1", T0 + 1_000, transport("u1", "e1"), location("u1", 1)));

        SentianceOutcome o = SentianceOutcome.of(ledger, T0, ledger.lastAcceptedMillis(), Map.of(), Map.of(), 0, Map.of());

        assertEquals(2, o.lost());
        assertEquals(0.0, o.transportsPerSecond());
        assertEquals(0.0, o.transportLag().p99());
        assertEquals("sentiance_e2e_transports_per_s=0 sentiance_e2e_p99_lag_ms=0 sentiance_lost=2", o.summaryFields());
    }

    @Test
    void apiCallsAreCountedByStatusSinceThePhaseBegan() {
        ApiStats stats = new ApiStats();
        stats.request(200);
        stats.request(404);
        ApiStats.Snapshot before = stats.snapshot();
        stats.request(200);
        stats.request(200);
        stats.request(429);

        assertEquals(Map.of(200, 2L, 429, 1L), SentiancePhase.statusesSince(before, stats.snapshot()));
    }

    @Test
    void settingsDefaultsAndTheirChecks() {
        SentiancePhase.Settings d = SentiancePhase.Settings.fromEnvironment(Map.of());
        assertEquals(new SentiancePhase.Settings(false, 1000, 30, 100, 180, 3, 500), d);
        assertEquals(30_000, d.messages());

        SentiancePhase.Settings s = SentiancePhase.Settings.fromEnvironment(Map.of("BENCH_SENTIANCE_ONLY", "1",
                "BENCH_SENTIANCE_MESSAGES_PER_S", "2500", "BENCH_SENTIANCE_S", " 10 ", "BENCH_SENTIANCE_BATCH", "500",
                "BENCH_SENTIANCE_TIMEOUT_S", "60", "BENCH_SENTIANCE_APPS", "2", "BENCH_SENTIANCE_USERS", "7"));
        assertTrue(s.only());
        assertEquals(new SentiancePhase.Settings(true, 2500, 10, 500, 60, 2, 7), s);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentiancePhase.Settings.fromEnvironment(Map.of("BENCH_SENTIANCE_BATCH", "0")));
        assertTrue(e.getMessage().contains("BENCH_SENTIANCE_BATCH"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SentiancePhase.Settings.fromEnvironment(Map.of("BENCH_SENTIANCE_MESSAGES_PER_S", "fast")));
        assertFalse(SentiancePhase.Settings.fromEnvironment(Map.of("BENCH_SENTIANCE_ONLY", "0")).only());
    }

    @Test
    void theServiceTheSimulatorAndTheSenderAgreeOnEveryAppsSecrets() {
        SentiancePhase.Settings s = SentiancePhase.Settings.fromEnvironment(Map.of("BENCH_SENTIANCE_APPS", "2",
                "BENCH_SENTIANCE_MESSAGES_PER_S", "400", "BENCH_SENTIANCE_S", "5", "BENCH_SENTIANCE_BATCH", "50"));
        Map<String, String> service = s.serviceEnvironment("http://127.0.0.1:1234");
        Map<String, String> simulator = s.simulatorEnvironment();

        assertEquals("bench-app-1:firehose:bench-firehose-password-1,bench-app-2:firehose:bench-firehose-password-2",
                service.get("SENTIANCE_WEBHOOK_CREDENTIALS"));
        assertEquals(service.get("SENTIANCE_WEBHOOK_CREDENTIALS"), simulator.get("SIM_SENTIANCE_WEBHOOK_CREDENTIALS"));
        assertEquals(service.get("SENTIANCE_API_KEYS"), simulator.get("SIM_SENTIANCE_API_KEYS"));
        assertEquals("http://127.0.0.1:1234", service.get("SENTIANCE_API_BASE_URL"));
        assertTrue(simulator.get("SIM_SOURCES").contains("sentiance"));

        Map<String, String> simulatorEnv = new HashMap<>(simulator);
        simulatorEnv.put("SIM_SEED", "7");
        var sender = s.sender(simulatorEnv, 18080);
        assertEquals("http://127.0.0.1:18080", sender.firehoseUrl().orElseThrow().toString());
        assertEquals(400.0, sender.rate());
        assertEquals(2_000, sender.maxMessages());
        assertEquals(50, sender.batchSize());
        assertEquals(List.of("bench-app-1", "bench-app-2"), List.copyOf(sender.webhookCredentials().keySet()));
        assertEquals(List.of("bench-app-1", "bench-app-2"), List.copyOf(sender.apiKeys().keySet()));
    }
}
