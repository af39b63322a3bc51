package org.movetimeline.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.WebhookSignature;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierTest {

    private static final String SECRET = "test-webhook-secret";

    static {
        // The test receiver may be the JVM's first JDK HttpServer: see SimulatorServer.enableNoDelay.
        SimulatorServer.enableNoDelay();
    }

    /** One POST as the receiving end saw it. */
    private record Received(byte[] body, String signature, String contentType, int answeredWith) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void signsTheRawBodyWithTheSecret() throws Exception {
        startReceiver(n -> 200);
        try (MoveSimulator sim = startSimulator(Map.of("SIM_NOTIFY_MAX_ITEMS", "30", "SIM_NOTIFY_BATCH_SIZE", "10"))) {
            assertTrue(sim.awaitNotifierCompletion(Duration.ofSeconds(10)));
        }
        assertEquals(3, received.size());
        for (Received r : received) {
            assertEquals(WebhookSignature.sign(r.body(), SECRET), r.signature());
            assertTrue(!r.signature().equals(WebhookSignature.sign(r.body(), "another-secret")));
            assertEquals("application/json", r.contentType());
            JsonNode items = Json.MAPPER.readTree(r.body()).get("items");
            assertEquals(10, items.size());
            assertEquals(List.of("projectId", "userId", "startTime", "endTime", "type"), fieldNames(items.get(0)));
        }
    }

    @Test
    void retriesRefusedBatchesUntil200AndDeliversEveryItemExactlyOnce() throws Exception {
        // The first four POSTs fail (500, 500, 503, 429), then everything is accepted.
        int[] failures = {500, 500, 503, 429};
        startReceiver(n -> n < failures.length ? failures[n] : 200);
        int total = 250;
        TimelineGenerator generator;
        try (MoveSimulator sim = startSimulator(Map.of("SIM_NOTIFY_MAX_ITEMS", String.valueOf(total),
                "SIM_NOTIFY_BATCH_SIZE", "40", "SIM_USERS_PER_PROJECT", "7",
                "SIM_CREDENTIALS", "1000:a,1001:b"))) {
            assertTrue(sim.awaitNotifierCompletion(Duration.ofSeconds(20)), () -> sim.notifierStats().toString());
            NotifierStats.Snapshot stats = sim.notifierStats().orElseThrow();
            assertEquals(total, stats.itemsDelivered());
            assertEquals(total, stats.produced());
            assertEquals(failures.length, stats.failedAttempts());
            assertEquals(7, stats.batchesDelivered()); // ceil(250 / 40)
            generator = sim.generator();
        }

        List<Notification.Item> delivered = new ArrayList<>();
        int refused = 0;
        for (Received r : received) {
            if (r.answeredWith() != 200) {
                refused++;
                continue;
            }
            for (JsonNode item : Json.MAPPER.readTree(r.body()).get("items")) {
                delivered.add(Json.MAPPER.treeToValue(item, Notification.Item.class));
            }
        }
        assertEquals(failures.length, refused);
        // A refused batch is sent again byte for byte: the first body ever sent is the first delivered one.
        byte[] firstDelivered = received.stream().filter(r -> r.answeredWith() == 200).findFirst().orElseThrow().body();
        assertEquals(new String(received.get(0).body(), StandardCharsets.UTF_8), new String(firstDelivered, StandardCharsets.UTF_8));

        // Item k of every user of every project in turn, each exactly once, nothing lost.
        List<Notification.Item> expected = new ArrayList<>();
        for (long k = 0; expected.size() < total; k++) {
            for (int project : List.of(1000, 1001)) {
                for (int user = 1; user <= 7 && expected.size() < total; user++) {
                    expected.add(generator.notification(project, TimelineGenerator.userId(user), k));
                }
            }
        }
        assertEquals(expected, delivered);
    }

    @Test
    void sendsWhatIsPendingAfterTheIntervalWithoutWaitingForAFullBatch() throws Exception {
        startReceiver(n -> 200);
        try (MoveSimulator sim = startSimulator(Map.of("SIM_NOTIFY_MAX_ITEMS", "0", "SIM_NOTIFY_RATE", "20",
                "SIM_NOTIFY_BATCH_SIZE", "1000", "SIM_NOTIFY_INTERVAL", "200ms"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(received.size() >= 3, "batches: " + received.size());
        for (Received r : received.subList(0, 3)) {
            int items = Json.MAPPER.readTree(r.body()).get("items").size();
            // ~20 items/s over 200 ms: a handful per batch, far from the 1000 cap.
            assertTrue(items >= 1 && items <= 15, "items in batch: " + items);
        }
    }

    @Test
    void producesAtTheConfiguredRate() throws Exception {
        startReceiver(n -> 200);
        try (MoveSimulator sim = startSimulator(Map.of("SIM_NOTIFY_RATE", "500", "SIM_NOTIFY_BATCH_SIZE", "100"))) {
            Thread.sleep(1000);
            long produced = sim.notifierStats().orElseThrow().produced();
            assertTrue(produced >= 350 && produced <= 650, "produced in 1 s at 500/s: " + produced);
        }
    }

    private MoveSimulator startSimulator(Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("SIM_HOST", "127.0.0.1");
        all.put("SIM_PORT", "0");
        all.put("SIM_CREDENTIALS", "1000:a");
        all.put("SIM_USERS_PER_PROJECT", "5");
        all.put("SIM_NOTIFY_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/move/timeline");
        all.put("SIM_NOTIFY_SECRET", SECRET);
        all.put("SIM_NOTIFY_RATE", "100000");
        all.put("SIM_NOTIFY_INTERVAL", "100ms");
        all.put("SIM_NOTIFY_RETRY_INITIAL", "20ms");
        all.put("SIM_NOTIFY_RETRY_MAX", "100ms");
        all.putAll(env);
        return MoveSimulator.start(SimulatorSettings.fromEnvironment(all));
    }

    /** A webhook receiver answering the n-th POST (0-based) with {@code statusOf(n)}. */
    private void startReceiver(IntUnaryOperator statusOf) throws IOException {
        AtomicInteger count = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/move/timeline", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = statusOf.applyAsInt(count.getAndIncrement());
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Dolphin-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), status));
                if (status == 429 || status == 503) {
                    exchange.getResponseHeaders().set("Retry-After", "0");
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
