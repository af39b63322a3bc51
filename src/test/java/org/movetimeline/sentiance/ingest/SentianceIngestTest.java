package org.movetimeline.sentiance.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeSentianceApi;
import org.movetimeline.testsupport.FakeSentianceApi.Answer;
import org.movetimeline.testsupport.FakeSentianceApi.Endpoint;
import org.movetimeline.testsupport.Infrastructure;
import org.movetimeline.testsupport.Metrics;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.SentianceProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.movetimeline.testsupport.SentianceProfile.APP_A;
import static org.movetimeline.testsupport.SentianceProfile.APP_B;
import static org.movetimeline.testsupport.SentianceProfile.APP_REVOKED;

/**
 * The Sentiance consumer end to end: Firehose records on the real broker, the fake Sentiance API, rows in the real
 * database, records on sentiance.transports, the retry tiers and the DLQ.
 */
@QuarkusTest
@TestProfile(SentianceProfile.class)
class SentianceIngestTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant START = Instant.parse("2026-07-01T06:00:00Z");
    static final FakeSentianceApi SENTIANCE = FakeSentianceApi.shared();

    static KafkaProducer<String, byte[]> producer;
    TopicReader transports;
    TopicReader dlq;
    String user;

    @BeforeAll
    static void openProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                // Records sent together land in one produce request, so the consumer polls them as one batch.
                ProducerConfig.LINGER_MS_CONFIG, 50));
    }

    @AfterAll
    static void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @BeforeEach
    void openTopics() {
        transports = TopicReader.from("sentiance.transports");
        dlq = TopicReader.from("sentiance.firehose.messages.dlq");
        user = "u-" + UUID.randomUUID();
    }

    @AfterEach
    void closeTopics() {
        transports.close();
        dlq.close();
    }

    /** A Firehose transport message as the receiver publishes it, with {@code extra} inside data (e.g. a field). */
    static String transportMessage(String userId, String eventId, String mode, String extra) {
        return "{\"meta\":{\"message_type\":\"transport\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\","
                + "\"updated_attributes\":[\"start\",\"end\"]},\"data\":{\"user_id\":\"" + userId + "\",\"event_id\":\""
                + eventId + "\",\"mode\":\"" + mode + "\",\"start\":\"2026-07-01T08:00:00.000+02:00\","
                + "\"end\":\"2026-07-01T08:40:00.000+02:00\",\"distance\":51918,"
                + "\"start_location\":{\"latitude\":50.1,\"longitude\":4.2,\"timestamp\":\"2026-07-01T08:00:00.000+02:00\"},"
                + "\"end_location\":{\"latitude\":50.5,\"longitude\":4.6,\"timestamp\":\"2026-07-01T08:40:00.000+02:00\"},"
                + "\"behavior_scores\":{\"overall\":0.5,\"smooth\":-1}" + extra + "}}";
    }

    static String otherMessage(String type, String userId, String extra) {
        return "{\"meta\":{\"message_type\":\"" + type + "\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\"},"
                + "\"data\":{\"user_id\":\"" + userId + "\"" + extra + "}}";
    }

    static void send(String app, String userId, String... messages) {
        for (String message : messages) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("sentiance.firehose.messages", app + ":" + userId,
                    message.getBytes(StandardCharsets.UTF_8));
            RecordHeaders.put(record.headers(), SentianceRecords.APP_ID, app);
            producer.send(record);
        }
        producer.flush();
    }

    void putCar(String app, String eventId) {
        SENTIANCE.put(app, user, FakeSentianceApi.transport(eventId, "car", START, Duration.ofMinutes(42), 52000));
    }

    static List<Map<String, Object>> rows(String app, String userId) {
        return Rows.query("SELECT * FROM sentiance_transport WHERE app_id = ? AND user_id = ? ORDER BY event_id", app, userId);
    }

    static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; last: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }

    List<Map<String, Object>> awaitRows(String app, int n) {
        return await(() -> rows(app, user), r -> r.size() >= n, n + " rows of " + app + ":" + user);
    }

    ConsumerRecord<String, byte[]> awaitDeadLetter(String app) {
        List<ConsumerRecord<String, byte[]>> got = dlq.readUntil(
                out -> out.stream().anyMatch(r -> (app + ":" + user).equals(r.key())), WAIT);
        return got.stream().filter(r -> (app + ":" + user).equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter of " + app + ":" + user));
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static double number(Object column) {
        return ((Number) column).doubleValue();
    }

    @Test
    void aTransportDeliveredThroughTheFirehoseBecomesATypedRowWithPointsAndIsPublished() {
        putCar(APP_A, "e1");
        ArrayNode waypoints = MAPPER.createArrayNode();
        waypoints.addObject().put("latitude", 50.1).put("longitude", 4.2).put("timestamp", "2026-07-01T06:00:00Z")
                .put("road_type", "urban").put("speed", 10.5).put("distance", 0).put("speed_limit", 50);
        waypoints.addObject().put("latitude", 50.3).put("longitude", 4.4).put("timestamp", "2026-07-01T06:20:00Z");
        SENTIANCE.putTrajectory(APP_A, user, "e1", waypoints);
        String body = "{\"data\":[" + transportMessage(user, "e1", "car", "") + "]}";
        given().header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("sentiance:secret-a-new".getBytes(StandardCharsets.UTF_8)))
                .contentType("application/json").body(body).post("/webhooks/sentiance/firehose/" + APP_A)
                .then().statusCode(200);

        Map<String, Object> row = awaitRows(APP_A, 1).get(0);
        // Start, end, mode and distance from the event answer; locations from the message; scores from the API.
        assertEquals(START, ((Timestamp) row.get("start_ts")).toInstant());
        assertEquals(START.plus(Duration.ofMinutes(42)), ((Timestamp) row.get("end_ts")).toInstant());
        assertEquals("car", row.get("mode"));
        assertEquals(52000.0, number(row.get("distance_m")));
        assertEquals(50.1, number(row.get("start_lat")));
        assertEquals(4.6, number(row.get("end_lon")));
        assertEquals(0.79, number(row.get("score_overall")));
        assertNull(row.get("score_focus"), "-1 is stored as NULL");
        assertEquals("indepth", row.get("analysis_type"));
        List<Map<String, Object>> points = Rows.query("SELECT seq, lat, road_type FROM sentiance_transport_point"
                + " WHERE app_id = ? AND user_id = ? ORDER BY seq", APP_A, user);
        assertEquals(2, points.size());
        assertEquals("urban", points.get(0).get("road_type"));
        assertEquals(50.3, number(points.get(1).get("lat")));

        ConsumerRecord<String, byte[]> published = transports.readUntil(
                out -> out.stream().anyMatch(r -> (APP_A + ":" + user).equals(r.key())), WAIT).stream()
                .filter(r -> (APP_A + ":" + user).equals(r.key())).findFirst().orElseThrow();
        JsonNode document = json(published.value());
        assertEquals(APP_A, document.get("app_id").asText());
        assertEquals("e1", document.get("event_id").asText());
        assertEquals("car", document.get("mode").asText());
        assertEquals(0.79, document.get("scores").get("overall").asDouble());
        assertEquals("Transport", document.get("event").get("type").asText());
        assertTrue(Metrics.value("sentiance_ingest_messages_total", "app", APP_A, "type", "transport", "outcome", "stored") >= 1);
    }

    @Test
    void theSameMessageTwiceIsOneRowFetchedOnce() {
        putCar(APP_B, "e2");
        String message = transportMessage(user, "e2", "car", "");
        send(APP_B, user, message, message);

        awaitRows(APP_B, 1);
        assertTrue(transports.readAll(Duration.ofSeconds(2)).stream().filter(r -> (APP_B + ":" + user).equals(r.key())).count() == 1);
        assertEquals(1, rows(APP_B, user).size());
        assertEquals(1, SENTIANCE.count(Endpoint.EVENT.path(user, "e2")), "both copies were fetched as one");
    }

    @Test
    void aMixedBatchStoresTheTransportsAndKeepsTheOtherTypesRaw() {
        SENTIANCE.put(APP_A, user, FakeSentianceApi.transport("e3", "walking", START, Duration.ofMinutes(10), 800));
        send(APP_A, user, otherMessage("stationary", user, ",\"location\":{\"latitude\":50.0}"),
                transportMessage(user, "e3", "walking", ""), otherMessage("location", user, ""),
                otherMessage("something_new", user, ""));

        Map<String, Object> row = awaitRows(APP_A, 1).get(0);
        assertEquals("walking", row.get("mode"));
        assertEquals(0.5, number(row.get("score_overall")), "no behaviour scores asked for a walk: the message's stand");
        assertNull(row.get("score_smooth"));
        assertEquals(0, SENTIANCE.count(Endpoint.BEHAVIOR_SCORES.path(user, "e3")));
        List<Map<String, Object>> kept = await(() -> Rows.query("SELECT message_type, message->'data'->>'user_id' AS u"
                        + " FROM sentiance_message WHERE app_id = ? AND user_id = ? ORDER BY message_type", APP_A, user),
                r -> r.size() >= 3, "the kept messages");
        assertEquals(List.of("location", "something_new", "stationary"), kept.stream().map(r -> r.get("message_type")).toList());
        assertEquals(user, kept.get(0).get("u"));
    }

    @Test
    void a429WithRetryAfterIsWaitedOutThenStored() {
        putCar(APP_B, "e4");
        SENTIANCE.script(APP_B, user, "e4", Answer.tooManyRequests(1));
        send(APP_B, user, transportMessage(user, "e4", "car", ""));

        awaitRows(APP_B, 1);
        List<FakeSentianceApi.Request> calls = SENTIANCE.requests().stream()
                .filter(r -> r.path().equals(Endpoint.EVENT.path(user, "e4"))).toList();
        assertEquals(List.of(429, 200), calls.stream().map(FakeSentianceApi.Request::status).toList());
        assertTrue(Duration.between(calls.get(0).received(), calls.get(1).received()).toMillis() >= 900,
                "the second call waited for Retry-After: " + calls);
    }

    @Test
    void aTransportSentianceDoesNotServeYetIsRetriedThroughTheTiersUntilItDoes() {
        try (TopicReader tiers = TopicReader.from(List.of("sentiance.firehose.messages.retry.300ms",
                "sentiance.firehose.messages.retry.600ms"))) {
            send(APP_A, user, transportMessage(user, "e5", "car", ""));
            ConsumerRecord<String, byte[]> retry = tiers.readUntil(
                    out -> out.stream().anyMatch(r -> (APP_A + ":" + user).equals(r.key())), WAIT).stream()
                    .filter(r -> (APP_A + ":" + user).equals(r.key())).findFirst().orElseThrow();
            assertEquals("Sentiance has no event e5 of user " + user + " (404)",
                    RecordHeaders.get(retry.headers(), RecordHeaders.REASON));
            putCar(APP_A, "e5");
        }
        awaitRows(APP_A, 1);
        assertTrue(SENTIANCE.requests().stream().anyMatch(r -> r.path().equals(Endpoint.EVENT.path(user, "e5")) && r.status() == 404));
    }

    @Test
    void aTransportSentianceNeverServesGoesToTheDlqAfterTheLastAttempt() {
        send(APP_A, user, transportMessage(user, "e6", "car", ""));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(APP_A);
        assertEquals("Sentiance has no event e6 of user " + user + " (404) (gave up after 3 attempts)",
                RecordHeaders.get(dead.headers(), RecordHeaders.REASON));
        assertEquals("3", RecordHeaders.get(dead.headers(), RecordHeaders.ATTEMPT));
        assertEquals(3, SENTIANCE.count(Endpoint.EVENT.path(user, "e6")));
        assertTrue(rows(APP_A, user).isEmpty());
    }

    @Test
    void aRefusedKeyGoesToTheDlqAtOnceNamingTheKey() {
        send(APP_REVOKED, user, transportMessage(user, "e7", "car", ""));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(APP_REVOKED);
        assertEquals("Sentiance refused the API key of app app-revoked (401): keys expire yearly; renew SENTIANCE_API_KEYS",
                RecordHeaders.get(dead.headers(), RecordHeaders.REASON));
        assertEquals("0", RecordHeaders.get(dead.headers(), RecordHeaders.ATTEMPT));
        assertEquals(1, SENTIANCE.count(Endpoint.EVENT.path(user, "e7")), "no retry of a refused key");
    }

    @Test
    void anAppWithoutAKeyGoesToTheDlqWithoutACall() {
        send("app-nokey", user, transportMessage(user, "e8", "car", ""));

        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("app-nokey");
        assertEquals("no Sentiance API key for app app-nokey (add it to SENTIANCE_API_KEYS)",
                RecordHeaders.get(dead.headers(), RecordHeaders.REASON));
        assertEquals(0, SENTIANCE.count(Endpoint.EVENT.path(user, "e8")));
    }

    @Test
    void aRefinedEventChangesTheRowAndIsRepublished() {
        putCar(APP_A, "e9");
        String message = transportMessage(user, "e9", "car", "");
        send(APP_A, user, message);
        awaitRows(APP_A, 1);
        Instant refinedStart = START.minus(Duration.ofMinutes(3));
        SENTIANCE.refine(APP_A, user, "e9", refinedStart, "bus");
        send(APP_A, user, message);

        Map<String, Object> row = await(() -> rows(APP_A, user).get(0), r -> "bus".equals(r.get("mode")), "the refined row");
        assertEquals(refinedStart, ((Timestamp) row.get("start_ts")).toInstant());
        List<JsonNode> published = transports.readUntil(out -> out.stream()
                        .filter(r -> (APP_A + ":" + user).equals(r.key())).count() >= 2, WAIT).stream()
                .filter(r -> (APP_A + ":" + user).equals(r.key())).map(r -> json(r.value())).toList();
        assertEquals(List.of("car", "bus"), published.stream().map(d -> d.get("mode").asText()).toList());
        assertEquals(refinedStart.toString(), published.get(1).get("start").asText());
    }

    @Test
    void aMessagePostgresRefusesIsDeadLetteredWithItsWordsAndTheRestOfTheBatchIsStored() {
        putCar(APP_B, "e10");
        putCar(APP_B, "e11");
        // jsonb cannot hold \u0000; the receiver only refuses NUL in the ids.
        send(APP_B, user, transportMessage(user, "e10", "car", ",\"note\":\"a\\u0000b\""),
                transportMessage(user, "e11", "car", ""), otherMessage("stationary", user, ",\"note\":\"\\u0000\""),
                otherMessage("location", user, ""));

        List<ConsumerRecord<String, byte[]>> dead = dlq.readUntil(out -> out.stream()
                .filter(r -> (APP_B + ":" + user).equals(r.key())).count() >= 2, WAIT).stream()
                .filter(r -> (APP_B + ":" + user).equals(r.key())).toList();
        List<String> reasons = dead.stream().map(r -> RecordHeaders.get(r.headers(), RecordHeaders.REASON)).sorted().toList();
        assertEquals(2, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("PostgreSQL refused the message: ") && reasons.get(0).contains("\\u0000"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("PostgreSQL refused the transport: ") && reasons.get(1).contains("\\u0000"), reasons.get(1));
        List<Map<String, Object>> stored = awaitRows(APP_B, 1);
        assertEquals(List.of("e11"), stored.stream().map(r -> r.get("event_id")).toList());
        assertEquals(List.of("location"), Rows.query("SELECT message_type FROM sentiance_message WHERE app_id = ? AND user_id = ?",
                APP_B, user).stream().map(r -> r.get("message_type")).toList());
    }
}
