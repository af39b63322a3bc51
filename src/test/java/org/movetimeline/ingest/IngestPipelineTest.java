package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.RetryRecords;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.testsupport.Infrastructure;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notification in, row out: the receiver and the consumer in one process, real Kafka and PostgreSQL, fake MOVE. */
@QuarkusTest
class IngestPipelineTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final FakeMoveApi MOVE = FakeMoveApi.shared();

    @Inject
    IngestConsumer consumer;

    static void notifyItems(List<String> items) {
        String body = Webhook.batch(items);
        given().header("X-Dolphin-Signature", Webhook.signature(body, Webhook.SECRET_OLD))
                .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/move/timeline").then().statusCode(200).body("accepted", equalTo(items.size()));
    }

    static void notifyItem(int projectId, String userId, Instant start) {
        notifyItems(List.of(Webhook.item(projectId, userId, start)));
    }

    static Instant at(int hour) {
        return Instant.parse("2026-05-01T00:00:00Z").plusSeconds(3600L * hour);
    }

    static void awaitRows(int projectId, String userId, long expected) {
        await().atMost(WAIT).until(() -> Rows.count(projectId, userId) == expected);
    }

    static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void kafkaRecordsAreCompressedWithTheNativeLz4Codec() {
        // Under Quarkus's class loader lz4-java falls back to its Java codec unless the service loads JNI
        // itself (BENCHMARKS.md: the receiver's throughput nearly doubled with it).
        assertTrue(LZ4Factory.fastestInstance().toString().endsWith(":JNI"), LZ4Factory.fastestInstance().toString());
    }

    @Test
    void notificationBecomesARowWithTypedColumnsAndAnItemsRecord() throws Exception {
        ObjectNode trip = FakeMoveApi.tripItem(1000, "e2e", at(1), "CAR");
        MOVE.put(trip);
        double persistedBefore = metric("move_ingest_items_persisted_total");

        try (TopicReader itemsTopic = TopicReader.from("move.timeline.items")) {
            notifyItem(1000, "e2e", at(1));

            awaitRows(1000, "e2e", 1);
            Map<String, Object> row = Rows.ofUser(1000, "e2e").get(0);
            assertEquals(Timestamp.from(at(1)), row.get("start_ts"));
            assertEquals(Timestamp.from(at(1).plusSeconds(900)), row.get("end_ts"));
            assertEquals("CAR", row.get("type"));
            assertEquals("CAR", row.get("transport_type"));
            assertEquals(5230.5, row.get("distance_m"));
            assertEquals(48.2082, row.get("start_lat"));
            assertEquals(16.42, row.get("end_lon"));
            assertEquals(trip, MAPPER.readTree((String) row.get("item")));

            List<ConsumerRecord<String, byte[]>> published = itemsTopic.readUntil(
                    got -> got.stream().anyMatch(r -> "1000:e2e".equals(r.key())), WAIT);
            ConsumerRecord<String, byte[]> item = published.stream().filter(r -> "1000:e2e".equals(r.key())).findFirst().orElseThrow();
            assertEquals(trip, MAPPER.readTree(item.value()));
        }
        assertTrue(metric("move_ingest_items_persisted_total") >= persistedBefore + 1);
        assertTrue(metric("move_ingest_items_fetched_total") >= 1);
    }

    @Test
    void theSameBatchDeliveredTwiceLeavesOneRowPerItem() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MOVE.put(FakeMoveApi.tripItem(1000, "twice", at(i), "TRAIN"));
            batch.add(Webhook.item(1000, "twice", at(i)));
        }
        notifyItems(batch);
        awaitRows(1000, "twice", 5);
        Object firstFetch = Rows.ofUser(1000, "twice").get(0).get("fetched_at");

        notifyItems(batch);

        // The second delivery is fetched again (a newer fetched_at) and still makes no second row.
        await().atMost(WAIT).until(() -> Rows.ofUser(1000, "twice").stream()
                .allMatch(r -> ((Timestamp) r.get("fetched_at")).after((Timestamp) firstFetch)));
        assertEquals(5, Rows.count(1000, "twice"));
    }

    @Test
    void aRelabelledItemReplacesTheRow() {
        MOVE.put(FakeMoveApi.tripItem(1000, "relabel", at(2), "CAR"));
        notifyItem(1000, "relabel", at(2));
        awaitRows(1000, "relabel", 1);
        assertEquals("CAR", Rows.ofUser(1000, "relabel").get(0).get("type"));

        MOVE.put(FakeMoveApi.tripItem(1000, "relabel", at(2), "TRAIN"));
        notifyItem(1000, "relabel", at(2));

        await().atMost(WAIT).until(() -> "TRAIN".equals(Rows.ofUser(1000, "relabel").get(0).get("type")));
        Map<String, Object> row = Rows.ofUser(1000, "relabel").get(0);
        assertEquals("TRAIN", row.get("transport_type"));
        assertTrue(((String) row.get("item")).contains("\"type\": \"TRAIN\""), (String) row.get("item"));
        assertEquals(1, Rows.count(1000, "relabel"));
    }

    @Test
    void aFeatureKindNoCodeKnowsIsKeptInTheItem() throws Exception {
        ObjectNode trip = FakeMoveApi.tripItem(1000, "future", at(3), "TRAM");
        ((ObjectNode) trip.get("features")).putObject("energyEstimate").put("kWh", 1.7).putArray("sources").add("model-v2");
        MOVE.put(trip);

        notifyItem(1000, "future", at(3));

        awaitRows(1000, "future", 1);
        JsonNode stored = MAPPER.readTree((String) Rows.ofUser(1000, "future").get(0).get("item"));
        assertEquals(trip.at("/features/energyEstimate"), stored.at("/features/energyEstimate"));
    }

    @Test
    void a429ThenA200IsRetriedInPlaceAndPersisted() {
        MOVE.put(FakeMoveApi.tripItem(1001, "busy", at(4), "METRO"));
        MOVE.failNext(1001, 429);

        notifyItem(1001, "busy", at(4));

        awaitRows(1001, "busy", 1);
        List<Integer> statuses = MOVE.calls(1001).stream().map(FakeMoveApi.BatchCall::status).toList();
        assertEquals(List.of(429, 200), statuses.subList(statuses.size() - 2, statuses.size()));
    }

    @Test
    void persistent500sGoToRetryThenDlqWhileOtherProjectsGetThrough() {
        MOVE.failAlways(1002);
        MOVE.put(FakeMoveApi.tripItem(1000, "healthy", at(5), "CAR"));

        try (TopicReader retry = RetryRecords.reader();
             TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            notifyItems(List.of(Webhook.item(1002, "broken", at(5)), Webhook.item(1000, "healthy", at(5))));

            awaitRows(1000, "healthy", 1);
            List<ConsumerRecord<String, byte[]>> retries = ofKey(retry.readUntil(
                    got -> ofKey(got, "1002:broken").size() >= 2, WAIT), "1002:broken");
            assertEquals(List.of("1", "2"), retries.stream().map(r -> RecordHeaders.get(r.headers(), RecordHeaders.ATTEMPT)).toList());
            String reason = RecordHeaders.get(retries.get(0).headers(), RecordHeaders.REASON);
            assertTrue(reason.contains("answered 500"), reason);

            ConsumerRecord<String, byte[]> dead = ofKey(dlq.readUntil(got -> !ofKey(got, "1002:broken").isEmpty(), WAIT),
                    "1002:broken").get(0);
            assertEquals(Webhook.item(1002, "broken", at(5)), text(dead));
            assertEquals("3", RecordHeaders.get(dead.headers(), RecordHeaders.ATTEMPT));
            assertTrue(RecordHeaders.get(dead.headers(), RecordHeaders.REASON).contains("gave up after 3 attempts"));
        }
        assertEquals(0, Rows.count(1002, "broken"));
    }

    @Test
    void aKeyMissingFromTheAnswerIsRetriedThenDeadLetteredAndReplayable() {
        double deadBefore = metric("move_ingest_items_dead_lettered_total");
        try (TopicReader retry = RetryRecords.reader();
             TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            notifyItem(1000, "ghost", at(6));

            assertEquals(2, ofKey(retry.readUntil(got -> ofKey(got, "1000:ghost").size() >= 2, WAIT), "1000:ghost").size());
            ConsumerRecord<String, byte[]> dead = ofKey(dlq.readUntil(got -> !ofKey(got, "1000:ghost").isEmpty(), WAIT),
                    "1000:ghost").get(0);
            assertEquals("not returned by the MOVE batch API (gave up after 3 attempts)",
                    RecordHeaders.get(dead.headers(), RecordHeaders.REASON));
        }
        assertTrue(metric("move_ingest_items_dead_lettered_total") >= deadBefore + 1);
        assertTrue(metric("move_ingest_items_retried_total") >= 2);

        // MOVE has the item after all: a replay of the DLQ brings it in.
        MOVE.put(FakeMoveApi.tripItem(1000, "ghost", at(6), "WALKING"));
        Management.admin().post("/admin/dlq/replay").then().statusCode(200);
        awaitRows(1000, "ghost", 1);
    }

    @Test
    void aProjectWithoutCredentialsIsDeadLetteredWithThatReason() {
        try (TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            notifyItem(4242, "nokey", at(7));

            ConsumerRecord<String, byte[]> dead = ofKey(dlq.readUntil(got -> !ofKey(got, "4242:nokey").isEmpty(), WAIT),
                    "4242:nokey").get(0);
            assertEquals("no MOVE API credentials for project 4242 (add it to MOVE_API_CREDENTIALS)",
                    RecordHeaders.get(dead.headers(), RecordHeaders.REASON));
        }
    }

    @Test
    void twoHundredFiftyKeysOfOneProjectTakeThreeBatchCalls() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            MOVE.put(FakeMoveApi.tripItem(1003, "bulk", at(i), "CAR"));
            batch.add(Webhook.item(1003, "bulk", at(i)));
        }
        // With the consumer stopped, all 250 wait on the topic and arrive in one poll.
        consumer.stop();
        try {
            notifyItems(batch);
        } finally {
            consumer.start();
        }

        awaitRows(1003, "bulk", 250);
        List<Integer> sizes = MOVE.calls(1003).stream().map(c -> c.keys().size()).sorted().toList();
        assertEquals(List.of(50, 100, 100), sizes);
    }

    @Test
    void gpsPointsOfTripsAreStoredInTheirOwnTable() {
        MOVE.put(FakeMoveApi.tripItem(1004, "gps", at(8), "CYCLING"));
        var points = MAPPER.createArrayNode();
        for (int i = 0; i < 3; i++) {
            points.addObject().put("ts", at(8).plusSeconds(i).toString()).put("lat", 48.2 + i / 1000.0).put("lon", 16.37)
                    .put("speed", 20.0 + i);
        }
        MOVE.putPoints(1004, "gps", at(8), points);

        notifyItem(1004, "gps", at(8));

        awaitRows(1004, "gps", 1);
        List<Map<String, Object>> stored = Rows.query(
                "SELECT seq, lat, speed FROM timeline_point WHERE project_id = 1004 AND user_id = 'gps' ORDER BY seq");
        assertEquals(3, stored.size());
        assertEquals(48.202, (Double) stored.get(2).get("lat"), 1e-9);
        assertEquals(22.0, stored.get(2).get("speed"));
    }

    @Test
    void aConsumerKilledBetweenTheDatabaseCommitAndTheOffsetCommitLeavesEveryItemExactlyOnce() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            MOVE.put(FakeMoveApi.tripItem(1000, "crash", at(i), "CAR"));
            batch.add(Webhook.item(1000, "crash", at(i)));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> before = endOffsets(admin);
            notifyItems(batch);
            awaitRows(1000, "crash", 20);
            Map<TopicPartition, OffsetAndMetadata> after = endOffsets(admin);
            await().atMost(WAIT).until(() -> committedUpTo(admin, after));
            Timestamp firstFetch = latestFetch("crash");

            // The state such a crash leaves: rows committed, offsets not. A stopped consumer has left the group,
            // so its offsets can be moved back to where they were before the batch.
            consumer.stop();
            try {
                admin.alterConsumerGroupOffsets(IngestConsumer.GROUP, before).all().get();
            } finally {
                consumer.start();
            }

            await().atMost(WAIT).until(() -> Rows.ofUser(1000, "crash").stream()
                    .allMatch(r -> ((Timestamp) r.get("fetched_at")).after(firstFetch)));
            assertEquals(20, Rows.count(1000, "crash"));
            assertEquals(20L, Rows.query("SELECT count(DISTINCT start_ts) AS n FROM timeline_item"
                    + " WHERE project_id = 1000 AND user_id = 'crash'").get(0).get("n"));
        }
    }

    static Timestamp latestFetch(String userId) {
        return (Timestamp) Rows.query("SELECT max(fetched_at) AS t FROM timeline_item WHERE project_id = 1000 AND user_id = ?",
                userId).get(0).get("t");
    }

    static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of("move.timeline.notifications")).allTopicNames().get().get("move.timeline.notifications")
                .partitions().forEach(p -> latest.put(new TopicPartition("move.timeline.notifications", p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, new OffsetAndMetadata(info.offset())));
        return out;
    }

    /** True once the group has committed, on every partition that has records, at least up to {@code end}. */
    static boolean committedUpTo(Admin admin, Map<TopicPartition, OffsetAndMetadata> end) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
        return end.entrySet().stream().filter(e -> e.getValue().offset() > 0).allMatch(e ->
                committed.containsKey(e.getKey()) && committed.get(e.getKey()).offset() >= e.getValue().offset());
    }

    static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        admin.listConsumerGroupOffsets(IngestConsumer.GROUP).partitionsToOffsetAndMetadata().get().forEach((tp, o) -> {
            if (tp.topic().equals("move.timeline.notifications")) {
                out.put(tp, new OffsetAndMetadata(o.offset()));
            }
        });
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> ofKey(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    static double metric(String name) {
        String body = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void metricsExposeReceiverAndConsumerFigures() {
        String body = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("move_webhook_items_accepted_total", "move_ingest_items_fetched_total",
                "move_ingest_items_persisted_total", "move_ingest_items_retried_total", "move_ingest_items_dead_lettered_total",
                "kafka_consumer_fetch_manager_records_lag_max")) {
            assertNotNull(body.lines().filter(l -> l.startsWith(name)).findFirst().orElse(null), name + " is exported");
        }
    }
}
