package org.movetimeline.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.ReceiverOnlyProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.testsupport.Infrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The admin endpoints on the management port, against a DLQ and a notifications topic of their own on the real
 * broker, so that every count is exactly what the test put there; no consumer runs, so a replay's output stays put.
 */
@QuarkusTest
@TestProfile(AdminApiTest.OwnTopics.class)
class AdminApiTest {

    static final String DLQ = "admin-test.dlq";
    static final String NOTIFICATIONS = "admin-test.notifications";
    static final String NO_CREDENTIALS = "no MOVE API credentials for project %d (add it to MOVE_API_CREDENTIALS)";
    static final String NOT_RETURNED = "not returned by the MOVE batch API (gave up after 3 attempts)";
    static final String NOT_JSON = "body is not UTF-8 JSON: Unexpected character ('n' (code 110))";

    public static class OwnTopics extends ReceiverOnlyProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("move.topics.dlq", DLQ);
            overrides.put("move.topics.notifications", NOTIFICATIONS);
            return overrides;
        }
    }

    @Inject
    DlqReplayer replayer;

    private final List<LogRecord> adminLog = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            adminLog.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void startWithAnEmptyCursor() {
        // Whatever an earlier test left waiting is replayed out of the way.
        Management.admin().post("/admin/dlq/replay").then().statusCode(200).body("left", equalTo(0));
        Logger.getLogger(AdminRoutes.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(AdminRoutes.class.getName()).removeHandler(capture);
    }

    /** Recent: the broker's retention (7 days) would delete older records from under the test. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

    static Instant at(int minute) {
        return BASE.plusSeconds(60L * minute);
    }

    static void put(String key, String value, String reason, String source, Instant time) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", Infrastructure.kafkaBootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            var record = new ProducerRecord<>(DLQ, null, time.toEpochMilli(), key, value.getBytes(StandardCharsets.UTF_8));
            RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
            RecordHeaders.put(record.headers(), RecordHeaders.SOURCE, source);
            RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, 3);
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification the ingest consumer gave up on. */
    static void putNotification(int project, String user, String reason, Instant time) {
        put(project + ":" + user, Webhook.item(project, user, time), reason, "ingest", time);
    }

    @Test
    void withoutTheRightBearerTokenEveryAdminCallIsRefused() {
        putNotification(7000, "waiting", NOT_RETURNED, at(0));
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + Management.ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8));
        Map<String, String> refused = Map.of(
                "", "token-missing",
                basic, "token-missing",
                "Bearer", "token-missing",
                "Bearer not-the-admin-token-at-all", "token-wrong",
                "Bearer " + Management.ADMIN_TOKEN + "x", "token-wrong",
                "Bearer " + Management.ADMIN_TOKEN.substring(1), "token-wrong");
        refused.forEach((authorization, error) -> {
            for (String method : List.of("GET /admin/dlq", "POST /admin/dlq/replay")) {
                var request = Management.given();
                if (!authorization.isEmpty()) {
                    request.header("Authorization", authorization);
                }
                request.request(method.split(" ")[0], method.split(" ")[1]).then().statusCode(401)
                        .header("WWW-Authenticate", "Bearer realm=\"move-admin\"").body("error", equalTo(error));
            }
        });
        Management.admin().get("/admin/dlq").then().statusCode(200).body("records", equalTo(1));
        // The scheme is case-insensitive, as HTTP says.
        Management.given().header("Authorization", "bearer " + Management.ADMIN_TOKEN).get("/admin/dlq")
                .then().statusCode(200).body("records", equalTo(1));
    }

    @Test
    void theWebhookPortServesNeitherHealthNorMetricsNorOpenApiNorAdmin() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().get(path).then().statusCode(404);
            Management.given().get(path).then().statusCode(200);
        }
        given().header("Authorization", "Bearer " + Management.ADMIN_TOKEN).get("/admin/dlq").then().statusCode(404);
        given().header("Authorization", "Bearer " + Management.ADMIN_TOKEN).post("/admin/dlq/replay").then().statusCode(404);
        // The webhook from the REST resource, the admin routes from META-INF/openapi.yaml.
        Management.given().get("/q/openapi").then().body(containsString("/webhooks/move/timeline"))
                .body(containsString("/admin/dlq/replay"));
    }

    @Test
    void theSummaryCountsWhatWaitsByReasonSourceAndProject() {
        putNotification(7002, "b1", NOT_RETURNED, at(0));
        for (int i = 1; i <= 3; i++) {
            putNotification(7001, "a" + i, NO_CREDENTIALS.formatted(7001), at(i));
        }
        put(null, "not json at all", NOT_JSON, "receiver", at(4));
        put(null, "nor this", NOT_JSON, "receiver", at(5));

        for (int call = 0; call < 2; call++) { // reading moves no cursor: the second summary is the first
            Management.admin().get("/admin/dlq").then().statusCode(200)
                    .body("records", equalTo(6)).body("examined", equalTo(6)).body("left", equalTo(0))
                    .body("byReason", equalTo(Map.of(NO_CREDENTIALS.formatted(7001), 3, NOT_JSON, 2, NOT_RETURNED, 1)))
                    .body("bySource", equalTo(Map.of("ingest", 4, "receiver", 2)))
                    .body("byProject", equalTo(Map.of("7001", 3, "(none)", 2, "7002", 1)))
                    .body("oldest.key", equalTo("7002:b1")).body("oldest.time", equalTo(at(0).toString()))
                    .body("newest.firstBytes", equalTo("nor this")).body("newest.time", equalTo(at(5).toString()))
                    .body("samples", hasSize(3))
                    .body("samples[0].reason", equalTo(NO_CREDENTIALS.formatted(7001)))
                    .body("samples[0].key", startsWith("7001:a")).body("samples[0].source", equalTo("ingest"))
                    .body("samples[0].firstBytes", startsWith("{\"projectId\":7001,\"userId\":\"a"))
                    .body("samples[1].reason", equalTo(NOT_JSON)).body("samples[1].source", equalTo("receiver"))
                    .body("samples[1].key", nullValue())
                    .body("samples[2].key", equalTo("7002:b1")).body("samples[2].size", equalTo(Webhook.item(7002, "b1", at(0)).length()));
        }
    }

    @Test
    void theSummaryTakesTheFilters() {
        putNotification(7003, "c1", NOT_RETURNED, at(0));
        putNotification(7004, "d1", NO_CREDENTIALS.formatted(7004), at(1));
        putNotification(7004, "d2", NOT_RETURNED, at(2));
        put(null, "not json at all", NOT_JSON, "receiver", at(3));

        Management.admin().queryParam("project", 7004).get("/admin/dlq").then().statusCode(200)
                .body("records", equalTo(2)).body("examined", equalTo(4)).body("filter.project", equalTo(7004))
                .body("byProject", equalTo(Map.of("7004", 2)));
        Management.admin().queryParam("reason", "NOT RETURNED").get("/admin/dlq").then()
                .body("records", equalTo(2)).body("byReason", equalTo(Map.of(NOT_RETURNED, 2)));
        Management.admin().queryParam("source", "receiver").get("/admin/dlq").then()
                .body("records", equalTo(1)).body("samples[0].firstBytes", equalTo("not json at all"));
        Management.admin().queryParam("reason", "not returned").queryParam("project", 7003).get("/admin/dlq").then()
                .body("records", equalTo(1)).body("oldest.key", equalTo("7003:c1"));
        Management.admin().queryParam("project", 9999).get("/admin/dlq").then()
                .body("records", equalTo(0)).body("examined", equalTo(4));
    }

    @Test
    void aFilteredReplayReplaysWhatMatchesSkipsGarbageAndKeepsTheRestForLater() {
        String reason = NO_CREDENTIALS.formatted(7011);
        putNotification(7011, "r1", reason, at(1));
        putNotification(7011, "r2", reason, at(2));
        put("7011:r3", "{\"projectId\":7011,", reason, "ingest", at(3));
        putNotification(7012, "s1", NO_CREDENTIALS.formatted(7012), at(4));

        try (TopicReader notifications = TopicReader.from(NOTIFICATIONS)) {
            Management.admin().queryParam("project", 7011).post("/admin/dlq/replay").then().statusCode(200)
                    .body("replayed", equalTo(2)).body("skipped", equalTo(1)).body("kept", equalTo(1))
                    .body("left", equalTo(0)).body("filter.project", equalTo(7011))
                    .body("skippedSamples", hasSize(1)).body("skippedSamples[0].key", equalTo("7011:r3"));

            List<ConsumerRecord<String, byte[]>> replayed = notifications.read(3, Duration.ofSeconds(5));
            assertEquals(Map.of("7011:r1", Webhook.item(7011, "r1", at(1)), "7011:r2", Webhook.item(7011, "r2", at(2))),
                    replayed.stream().collect(Collectors.toMap(ConsumerRecord::key,
                            r -> new String(r.value(), StandardCharsets.UTF_8))));
            // A fresh attempt budget: a replayed notification is a new one.
            replayed.forEach(r -> assertNull(RecordHeaders.get(r.headers(), RecordHeaders.ATTEMPT)));

            // What did not match waits on, unchanged; what was replayed or skipped does not.
            Management.admin().get("/admin/dlq").then()
                    .body("records", equalTo(1)).body("examined", equalTo(1))
                    .body("oldest.key", equalTo("7012:s1")).body("oldest.time", equalTo(at(4).toString()))
                    .body("oldest.reason", equalTo(NO_CREDENTIALS.formatted(7012))).body("oldest.source", equalTo("ingest"));

            Management.admin().queryParam("reason", "PROJECT 7012").post("/admin/dlq/replay").then()
                    .body("replayed", equalTo(1)).body("skipped", equalTo(0)).body("kept", equalTo(0));
            assertEquals(List.of("7012:s1"), notifications.read(2, Duration.ofSeconds(3)).stream().map(ConsumerRecord::key).toList());
            Management.admin().get("/admin/dlq").then().body("records", equalTo(0));
        }
    }

    @Test
    void aReplayCutShortByItsTimeLimitLeavesTheRestForTheNextCall() {
        for (int i = 0; i < 3; i++) {
            putNotification(7021, "t" + i, NOT_RETURNED, at(i));
        }
        DlqReplayer.Outcome cutShort = replayer.replay(DlqFilter.ALL, Duration.ZERO);
        assertEquals(0, cutShort.replayed());
        assertEquals(3, cutShort.left());

        Management.admin().get("/admin/dlq").then().body("records", equalTo(3));
        Management.admin().post("/admin/dlq/replay").then().body("replayed", equalTo(3)).body("left", equalTo(0));
    }

    @Test
    void aMisspeltFilterIsRefusedRatherThanIgnored() {
        putNotification(7031, "u1", NOT_RETURNED, at(0));
        Management.admin().queryParam("projekt", 7031).post("/admin/dlq/replay").then().statusCode(400)
                .body("error", equalTo("bad-filter")).body("message", containsString("projekt"));
        Management.admin().queryParam("project", "seven").post("/admin/dlq/replay").then().statusCode(400);
        Management.admin().queryParam("source", "elsewhere").get("/admin/dlq").then().statusCode(400);
        Management.admin().get("/admin/dlq").then().body("records", equalTo(1));
    }

    @Test
    void everyAdminCallIsLoggedWithItsOutcomeButNeverWithTheToken() {
        String guess = "a-guessed-token-0123456789";
        Management.admin().queryParam("project", 7041).post("/admin/dlq/replay").then().statusCode(200);
        Management.given().header("Authorization", "Bearer " + guess).get("/admin/dlq").then().statusCode(401);

        await().atMost(Duration.ofSeconds(5)).until(() -> adminLog.size() >= 2);
        List<String> lines = adminLog.stream().map(AdminApiTest::text).toList();
        String replay = lines.stream().filter(l -> l.startsWith("admin call POST /admin/dlq/replay")).findFirst().orElseThrow();
        assertEquals(" 200 (project=7041) replayed=0 skipped=0 kept=0 left=0", replay.substring(replay.lastIndexOf(':') + 1));
        LogRecord refused = adminLog.stream().filter(r -> text(r).startsWith("admin call GET /admin/dlq")).findFirst().orElseThrow();
        assertEquals(Level.WARNING.intValue(), refused.getLevel().intValue());
        assertEquals(" 401 wrong token", text(refused).substring(text(refused).lastIndexOf(':') + 1));
        for (String line : lines) {
            assertFalse(line.contains(Management.ADMIN_TOKEN) || line.contains(guess) || line.contains("Bearer"), line);
        }
    }

    private static String text(LogRecord record) {
        return record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
    }
}
