package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.testsupport.Infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.ingest.IngestPipelineTest.MOVE;
import static org.movetimeline.ingest.IngestPipelineTest.WAIT;
import static org.movetimeline.ingest.IngestPipelineTest.at;
import static org.movetimeline.ingest.IngestPipelineTest.awaitRows;
import static org.movetimeline.ingest.IngestPipelineTest.committedUpTo;
import static org.movetimeline.ingest.IngestPipelineTest.endOffsets;
import static org.movetimeline.ingest.IngestPipelineTest.notifyItem;
import static org.movetimeline.ingest.IngestPipelineTest.notifyItems;
import static org.movetimeline.ingest.IngestPipelineTest.ofKey;

/**
 * Items and records the database, Kafka or the parser cannot take: each lands on the DLQ with the cause as its
 * reason, every other item of the poll batch is stored, the offsets move on and the next notification is stored.
 */
@QuarkusTest
class PoisonIsolationTest {

    static final String DLQ = "move.timeline.notifications.dlq";

    @Inject
    IngestConsumer consumer;

    /** Four good trips and the poison in one webhook batch (so, as a rule, in one poll batch). */
    void oneBadItemAmongGoodOnes(String tag, String poisonKey, List<String> notifications, String reasonPart) throws Exception {
        oneBadItemAmongGoodOnes(tag, poisonKey, notifications, reasonPart, () -> { });
    }

    /** {@code alsoSend} runs once the DLQ is watched, before the webhook batch. */
    void oneBadItemAmongGoodOnes(String tag, String poisonKey, List<String> notifications, String reasonPart,
                                 Runnable alsoSend) throws Exception {
        List<String> batch = new ArrayList<>(notifications);
        for (int i = 0; i < 4; i++) {
            MOVE.put(FakeMoveApi.tripItem(1000, tag + "-good-" + i, at(10), "CAR"));
            batch.add(Webhook.item(1000, tag + "-good-" + i, at(10)));
        }
        try (TopicReader dlq = TopicReader.from(DLQ); Admin admin = admin()) {
            alsoSend.run();
            notifyItems(batch);
            Map<TopicPartition, OffsetAndMetadata> end = endOffsets(admin);

            for (int i = 0; i < 4; i++) {
                awaitRows(1000, tag + "-good-" + i, 1);
            }
            ConsumerRecord<String, byte[]> dead = ofKey(dlq.readUntil(got -> !ofKey(got, poisonKey).isEmpty(), WAIT),
                    poisonKey).get(0);
            String reason = RecordHeaders.get(dead.headers(), RecordHeaders.REASON);
            assertTrue(reason.contains(reasonPart), reason);
            assertEquals("ingest", RecordHeaders.get(dead.headers(), RecordHeaders.SOURCE));
            await().atMost(WAIT).until(() -> committedUpTo(admin, end));
        }
        MOVE.put(FakeMoveApi.tripItem(1000, tag + "-after", at(11), "CAR"));
        notifyItem(1000, tag + "-after", at(11));
        awaitRows(1000, tag + "-after", 1);
    }

    /** A trip whose features carry {@code jsonString} (JSON text, escapes as written) in a field no code reads. */
    static String tripWithNote(String userId, Instant start, String jsonString) {
        String trip = FakeMoveApi.tripItem(1000, userId, start, "CAR").toString();
        return trip.substring(0, trip.length() - 1) + ",\"note\":\"" + jsonString + "\"}";
    }

    @Test
    void aNulInAStringOfTheItem() throws Exception {
        MOVE.putRaw(1000, "nul-item", at(10), tripWithNote("nul-item", at(10), "truncated\\u0000"));
        oneBadItemAmongGoodOnes("nul", "1000:nul-item", List.of(Webhook.item(1000, "nul-item", at(10))),
                "\\u0000 cannot be converted to text");
        assertEquals(0, Rows.count(1000, "nul-item"));
    }

    @Test
    void aLoneSurrogateInAStringOfTheItem() throws Exception {
        MOVE.putRaw(1000, "surrogate", at(10), tripWithNote("surrogate", at(10), "half an emoji \\ud83d"));
        oneBadItemAmongGoodOnes("surrogate", "1000:surrogate", List.of(Webhook.item(1000, "surrogate", at(10))),
                "surrogate");
        assertEquals(0, Rows.count(1000, "surrogate"));
    }

    @Test
    void aNulInTheUserId() throws Exception {
        String user = "nul\u0000user";
        String escaped = "nul\\u0000user";
        MOVE.putRaw(1000, user, at(10), FakeMoveApi.tripItem(1000, user, at(10), "CAR").toString());
        oneBadItemAmongGoodOnes("nuluser", "1000:" + user, List.of(Webhook.item(1000, escaped, at(10))),
                "PostgreSQL refused the item");
    }

    @Test
    void aGpsPointWithABadTime() throws Exception {
        MOVE.put(FakeMoveApi.tripItem(1000, "bad-point", at(10), "CYCLING"));
        var points = IngestPipelineTest.MAPPER.createArrayNode();
        points.addObject().put("ts", at(10).toString()).put("lat", 48.2).put("lon", 16.37);
        points.addObject().put("ts", "yesterday").put("lat", 48.3).put("lon", 16.38);
        MOVE.putPoints(1000, "bad-point", at(10), points);
        oneBadItemAmongGoodOnes("point", "1000:bad-point", List.of(Webhook.item(1000, "bad-point", at(10))),
                "points: GPS point 1: ts is not an RFC 3339 timestamp: yesterday");
        assertEquals(0, Rows.count(1000, "bad-point"));
    }

    @Test
    void aRecordWithoutAValue() throws Exception {
        oneBadItemAmongGoodOnes("tombstone", "1000:tombstone", List.of(), "record without a value at move.timeline.notifications-",
                () -> {
                    try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                            "bootstrap.servers", Infrastructure.kafkaBootstrapServers(),
                            "key.serializer", StringSerializer.class.getName(),
                            "value.serializer", ByteArraySerializer.class.getName()))) {
                        producer.send(new ProducerRecord<>("move.timeline.notifications", "1000:tombstone", null)).get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Test
    void anItemTooLargeForKafkaIsStoredButDeadLetteredInsteadOfPublished() throws Exception {
        // The test profile's producer takes records up to 512K + 64K; the table takes this item, Kafka does not.
        MOVE.putRaw(1000, "huge", at(10), tripWithNote("huge", at(10), "x".repeat(700_000)));
        oneBadItemAmongGoodOnes("huge", "1000:huge", List.of(Webhook.item(1000, "huge", at(10))),
                "Kafka refused the item for move.timeline.items: RecordTooLargeException");
        assertEquals(1, Rows.count(1000, "huge"));
    }

    @Test
    void twoSpellingsOfOneMicrosecondAreOneKeyAndOneRow() throws Exception {
        Instant start = Instant.parse("2026-05-03T10:00:00.000001Z");
        // A stay, not a trip: no GPS points to ask for.
        MOVE.putRaw(1000, "nanos", start, """
                {"projectId":1000,"userId":"nanos","startTs":"2026-05-03T10:00:00.000001200Z",
                 "endTs":"2026-05-03T11:00:00Z","type":"IDLE","features":{}}""");
        try (TopicReader dlq = TopicReader.from(DLQ)) {
            notifyItems(List.of(Webhook.item(1000, "nanos", start).replace(start.toString(), "2026-05-03T10:00:00.0000011Z"),
                    Webhook.item(1000, "nanos", start).replace(start.toString(), "2026-05-03T10:00:00.0000014Z")));
            awaitRows(1000, "nanos", 1);
            assertEquals(0, ofKey(dlq.readAll(java.time.Duration.ofSeconds(2)), "1000:nanos").size());
        }
        assertEquals(java.sql.Timestamp.from(start), Rows.ofUser(1000, "nanos").get(0).get("start_ts"));
    }

    @Test
    void oneBadItemInAPollBatchOfAThousandLeavesNineHundredNinetyNineRows() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Instant start = at(100 + i);
            if (i == 617) {
                MOVE.putRaw(1000, "thousand", start, tripWithNote("thousand", start, "\\u0000"));
            } else {
                MOVE.put(FakeMoveApi.tripItem(1000, "thousand", start, "CAR"));
            }
            batch.add(Webhook.item(1000, "thousand", start));
        }
        try (TopicReader dlq = TopicReader.from(DLQ)) {
            // With the consumer stopped, all 1000 wait on the topic and arrive in one poll.
            consumer.stop();
            try {
                notifyItems(batch);
            } finally {
                consumer.start();
            }
            awaitRows(1000, "thousand", 999);
            List<ConsumerRecord<String, byte[]>> dead = ofKey(dlq.readUntil(got -> !ofKey(got, "1000:thousand").isEmpty(), WAIT),
                    "1000:thousand");
            assertEquals(1, dead.size());
            assertEquals(Webhook.item(1000, "thousand", at(717)), IngestPipelineTest.text(dead.get(0)));
        }
        assertEquals(0L, Rows.query("SELECT count(*) AS n FROM timeline_item WHERE user_id = 'thousand' AND start_ts = ?",
                java.sql.Timestamp.from(at(717))).get(0).get("n"));
    }

    static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", Infrastructure.kafkaBootstrapServers()));
    }
}
