package org.movetimeline.simulator.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.simulator.SimulatorServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirehoseSenderTest {

    static {
        SimulatorServer.enableNoDelay(); // the receiver may be the JVM's first JDK HttpServer
    }

    private static final String GOOD = FirehoseSender.basic("firehose", "pw");

    /** One request as the receiver saw it. */
    private record Received(String method, String authorization, String encoding, String payloadType, byte[] body,
                            int answeredWith) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final SentianceEvents events = new SentianceEvents();
    private HttpServer receiver;
    private FirehoseSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void deliveriesAreGzipJsonOfTheSpecsShapeMixingUsersAndTypes() throws Exception {
        startReceiver(true, n -> 200);
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "120", "SIM_SENTIANCE_BATCH_SIZE", "40"));
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)), () -> sender.stats().line());
        List<Received> deliveries = deliveries();
        assertEquals(3, deliveries.size());
        Set<String> types = new HashSet<>();
        int transports = 0;
        for (Received d : deliveries) {
            assertEquals("gzip", d.encoding());
            assertEquals((byte) 0x1f, d.body()[0]);
            JsonNode data = SentianceWire.MAPPER.readTree(gunzip(d.body())).get("data");
            assertEquals(40, data.size());
            Set<String> users = new HashSet<>();
            for (JsonNode m : data) {
                assertEquals(List.of("meta", "data"), names(m));
                String type = m.get("meta").get("message_type").asText();
                types.add(type);
                OffsetDateTime.parse(m.get("meta").get("message_timestamp").asText());
                assertTrue(m.get("meta").get("updated_attributes").isArray());
                JsonNode body = m.get("data");
                users.add(body.get("user_id").asText());
                if (type.equals("transport")) {
                    transports++;
                    for (String field : List.of("user_id", "event_id", "mode", "start", "end", "distance",
                            "start_location", "end_location")) {
                        assertTrue(body.has(field), field + " in " + body);
                    }
                    assertEquals(List.of("latitude", "longitude", "timestamp"), names(body.get("start_location")));
                    assertEquals(body.get("mode").asText().equals("car"), body.has("behavior_scores"), body.toString());
                    assertTrue(events.find("app-a", body.get("user_id").asText(), body.get("event_id").asText()).isPresent());
                }
            }
            assertTrue(users.size() > 1, "one user only in a delivery");
        }
        assertTrue(types.containsAll(List.of("transport", "stationary", "location")), types.toString());
        FirehoseStats.Snapshot stats = sender.stats();
        assertEquals(3, stats.deliveries());
        assertEquals(120, stats.totalMessages());
        assertEquals(transports, stats.messages("transport"));
        assertEquals(transports, events.size());
        assertEquals(0, stats.checksFailed());
    }

    @Test
    void retriesARefusedDeliveryWithTheSameBytesUntil200() throws Exception {
        int[] refusals = {500, 503, 429, 401};
        startReceiver(true, n -> n < refusals.length ? refusals[n] : 200);
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "50", "SIM_SENTIANCE_BATCH_SIZE", "25"));
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)), () -> sender.stats().line());
        List<Received> posts = deliveries();
        assertEquals(refusals.length + 2, posts.size());
        for (int i = 1; i <= refusals.length; i++) {
            assertArrayEquals(posts.get(0).body(), posts.get(i).body());
        }
        assertEquals(200, posts.get(refusals.length).answeredWith());
        FirehoseStats.Snapshot stats = sender.stats();
        assertEquals(refusals.length, stats.retries());
        assertEquals(2, stats.deliveries());
        assertEquals(50, stats.totalMessages());
    }

    @Test
    void sendsDuplicatesAndTestPayloads() throws Exception {
        startReceiver(true, n -> 200);
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "20", "SIM_SENTIANCE_BATCH_SIZE", "10",
                "SIM_SENTIANCE_DUPLICATE_RATIO", "1", "SIM_SENTIANCE_TEST_PAYLOAD_RATIO", "1"));
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)), () -> sender.stats().line());
        List<Received> posts = deliveries();
        assertEquals(6, posts.size()); // per delivery: itself, its duplicate, a test payload
        for (int i = 0; i < 6; i += 3) {
            assertEquals(null, posts.get(i).payloadType());
            assertArrayEquals(posts.get(i).body(), posts.get(i + 1).body());
            assertEquals(null, posts.get(i + 1).payloadType());
            assertEquals("test", posts.get(i + 2).payloadType());
            assertEquals(1, SentianceWire.MAPPER.readTree(gunzip(posts.get(i + 2).body())).get("data").size());
        }
        FirehoseStats.Snapshot stats = sender.stats();
        assertEquals(2, stats.deliveries());
        assertEquals(2, stats.duplicates());
        assertEquals(2, stats.testPayloads());
        assertEquals(20, stats.totalMessages()); // duplicates and tests are not new messages
    }

    @Test
    void tellsOfEachAcceptedDeliveryOnceWithTheExactBytesOfItsMessages() throws Exception {
        startReceiver(true, n -> n == 0 ? 503 : 200);
        List<FirehoseSender.Accepted> accepted = new CopyOnWriteArrayList<>();
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "30", "SIM_SENTIANCE_BATCH_SIZE", "15",
                "SIM_SENTIANCE_DUPLICATE_RATIO", "1"), accepted::add);
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)), () -> sender.stats().line());
        // POSTs: 503, the first delivery, its duplicate, the second delivery, its duplicate.
        List<Received> posts = deliveries();
        assertEquals(5, posts.size());
        assertEquals(2, accepted.size(), "neither the refused send nor the duplicates are new deliveries");
        for (int i = 0; i < 2; i++) {
            FirehoseSender.Accepted a = accepted.get(i);
            assertEquals("app-a", a.appId());
            assertEquals(15, a.messages().size());
            // The receiver slices each message out of the body: the bytes handed out must be exactly those slices.
            String joined = "{\"data\":[" + String.join(",", a.messages().stream()
                    .map(m -> new String(m, StandardCharsets.UTF_8)).toList()) + "]}";
            assertEquals(joined, new String(gunzip(posts.get(1 + 2 * i).body()), StandardCharsets.UTF_8));
        }
        assertTrue(!accepted.get(0).at().isAfter(accepted.get(1).at()));
    }

    @Test
    void checksTheWebhookFirstAndProbesWithWrongCredentials() throws Exception {
        startReceiver(true, n -> 200);
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "1"));
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)));
        assertEquals("GET", received.get(0).method());
        assertEquals(GOOD, received.get(0).authorization());
        assertEquals(200, received.get(0).answeredWith());
        assertEquals("POST", received.get(1).method());
        assertEquals(FirehoseSender.basic("firehose", "pw-wrong"), received.get(1).authorization());
        assertEquals(401, received.get(1).answeredWith());
        assertEquals(0, sender.stats().checksFailed());
    }

    @Test
    void aReceiverThatAcceptsWrongCredentialsFailsTheCheck() throws Exception {
        startReceiver(false, n -> 200);
        startSender(Map.of("SIM_SENTIANCE_MAX_MESSAGES", "1"));
        assertTrue(sender.awaitCompletion(Duration.ofSeconds(20)));
        assertEquals(2, sender.stats().checksFailed()); // GET without {"app_id":...}, wrong password accepted
    }

    /** A Firehose receiver per the spec: Basic firehose:pw for app-a, GET answers {"app_id":...}. */
    private void startReceiver(boolean checksAuth, IntUnaryOperator postAnswers) throws IOException {
        AtomicInteger posts = new AtomicInteger();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/sentiance/firehose/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                boolean get = exchange.getRequestMethod().equals("GET");
                int status;
                String answer = "{}";
                if (checksAuth && (!GOOD.equals(auth) || !exchange.getRequestURI().getPath().endsWith("/app-a"))) {
                    status = 401;
                } else if (get) {
                    status = 200;
                    answer = checksAuth ? "{\"app_id\":\"app-a\"}" : "{}";
                } else {
                    status = postAnswers.applyAsInt(posts.getAndIncrement());
                }
                received.add(new Received(exchange.getRequestMethod(), auth,
                        exchange.getRequestHeaders().getFirst("Content-Encoding"),
                        exchange.getRequestHeaders().getFirst(FirehoseSender.PAYLOAD_TYPE_HEADER), body, status));
                reply(exchange, status, answer);
            }
        });
        receiver.start();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void startSender(Map<String, String> extra) {
        startSender(extra, accepted -> { });
    }

    private void startSender(Map<String, String> extra, Consumer<FirehoseSender.Accepted> onAccepted) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIM_SENTIANCE_WEBHOOK_CREDENTIALS", "app-a:firehose:pw",
                "SIM_SENTIANCE_FIREHOSE_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/",
                "SIM_SENTIANCE_RATE", "2000", "SIM_SENTIANCE_USERS_PER_APP", "6",
                "SIM_SENTIANCE_RETRY_INITIAL", "10ms", "SIM_SENTIANCE_RETRY_MAX", "50ms",
                "SIM_SENTIANCE_DUPLICATE_RATIO", "0", "SIM_SENTIANCE_TEST_PAYLOAD_RATIO", "0"));
        env.putAll(extra);
        sender = FirehoseSender.start(SentianceSettings.fromEnvironment(env), 3, Instant.parse("2026-07-01T00:00:00Z"), events,
                onAccepted);
    }

    /** The POSTs after the start checks (GET, then the wrong-credentials POST). */
    private List<Received> deliveries() {
        List<Received> all = List.copyOf(received);
        return all.subList(2, all.size());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
