package org.movetimeline.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Infrastructure;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.SentianceProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The DLQ tools on Sentiance's DLQ: the same summary and replay as MOVE's, by app, replaying to the Firehose
 * messages topic. The DLQ and the messages topic are the real ones, shared with the other Sentiance tests.
 */
@QuarkusTest
@TestProfile(SentianceProfile.class)
class SentianceDlqTest {

    static final String DLQ = "sentiance.firehose.messages.dlq";
    static final String MESSAGES = "sentiance.firehose.messages";
    static final String APP_A = SentianceProfile.APP_A;
    static final String APP_B = SentianceProfile.APP_B;
    static final String REFUSED_ROW = "PostgreSQL refused the message: PSQLException: ERROR: unsupported Unicode escape sequence";
    static final String REVOKED = "Sentiance refused the API key of app " + APP_B
            + " (401): keys expire yearly; renew SENTIANCE_API_KEYS";
    static final String NOT_JSON = "body is not JSON: Unexpected character ('n' (code 110))";

    /** Recent: the broker's retention would delete older records from under the test. */
    static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

    @BeforeEach
    void startWithNothingWaiting() {
        // Other Sentiance tests leave dead letters here; replaying them would feed the consumer, so the replay
        // cursor is moved past them instead.
        try (var cursor = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, DlqSources.SENTIANCE_CURSOR_GROUP,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            // The first metadata request only triggers the broker's auto-creation; ask until the topic is there.
            List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30)).until(
                    () -> cursor.partitionsFor(DLQ, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(DLQ, p.partition())).toList(),
                    found -> !found.isEmpty());
            cursor.assign(partitions);
            cursor.seekToEnd(partitions);
            cursor.commitSync(partitions.stream().collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(cursor.position(p)))));
        }
        Management.admin().get("/admin/sentiance/dlq").then().statusCode(200).body("records", equalTo(0));
    }

    static String stationary(String user) {
        return "{\"meta\":{\"message_type\":\"stationary\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\"},"
                + "\"data\":{\"user_id\":\"" + user + "\",\"location\":{\"latitude\":50.1,\"longitude\":4.2}}}";
    }

    static String transport(String user, String event) {
        return "{\"meta\":{\"message_type\":\"transport\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\"},"
                + "\"data\":{\"user_id\":\"" + user + "\",\"event_id\":\"" + event + "\",\"mode\":\"car\"}}";
    }

    /**
     * As the pipeline writes them (topics.FailureRecords): the consumer's dead letters have a key and no app header,
     * the receiver's unreadable bodies an app header and no key.
     */
    static void put(String key, String app, String value, String reason, String source, int attempt, int minute,
                    boolean fromARetryTier) {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", Infrastructure.kafkaBootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()))) {
            var record = new ProducerRecord<>(DLQ, null, BASE.plusSeconds(60L * minute).toEpochMilli(), key,
                    value.getBytes(StandardCharsets.UTF_8));
            if (app != null) {
                RecordHeaders.put(record.headers(), SentianceRecords.APP_ID, app);
            }
            RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
            RecordHeaders.put(record.headers(), RecordHeaders.SOURCE, source);
            RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempt);
            if (fromARetryTier) {
                RecordHeaders.put(record.headers(), RecordHeaders.NOT_BEFORE, record.timestamp());
            }
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two apps, three reasons; app-a's unreadable body has no key. */
    static void putTheDeadLetters() {
        put(APP_A + ":u1", null, stationary("u1"), REFUSED_ROW, "ingest", 1, 0, false);
        put(APP_A + ":u2", null, stationary("u2"), REFUSED_ROW, "ingest", 3, 1, true);
        put(null, APP_A, "not json at all", NOT_JSON, "receiver", 0, 2, false);
        put(APP_B + ":u3", null, transport("u3", "e3"), REVOKED, "ingest", 1, 3, false);
        put(APP_B + ":u4", null, transport("u4", "e4"), REVOKED, "ingest", 1, 4, false);
    }

    @Test
    void theSummaryCountsWhatWaitsByReasonSourceAndApp() {
        putTheDeadLetters();

        Management.admin().get("/admin/sentiance/dlq").then().statusCode(200)
                .body("records", equalTo(5)).body("examined", equalTo(5)).body("left", equalTo(0))
                .body("byReason", equalTo(Map.of(REFUSED_ROW, 2, REVOKED, 2, NOT_JSON, 1)))
                .body("bySource", equalTo(Map.of("ingest", 4, "receiver", 1)))
                .body("byApp", equalTo(Map.of(APP_A, 3, APP_B, 2))).body("byProject", nullValue())
                .body("oldest.key", equalTo(APP_A + ":u1")).body("newest.key", equalTo(APP_B + ":u4"))
                .body("samples", hasSize(3));
        Management.admin().queryParam("app", APP_B).get("/admin/sentiance/dlq").then().statusCode(200)
                .body("records", equalTo(2)).body("examined", equalTo(5)).body("filter.app", equalTo(APP_B))
                .body("byApp", equalTo(Map.of(APP_B, 2))).body("byReason", equalTo(Map.of(REVOKED, 2)));
        Management.admin().queryParam("app", APP_A).queryParam("source", "receiver").get("/admin/sentiance/dlq").then()
                .body("records", equalTo(1)).body("samples[0].key", nullValue())
                .body("samples[0].firstBytes", equalTo("not json at all"));
        // Sentiance's tenants are apps: MOVE's parameter is refused, not ignored.
        Management.admin().queryParam("project", 1000).get("/admin/sentiance/dlq").then().statusCode(400)
                .body("error", equalTo("bad-filter"));
    }

    @Test
    void aReplayOfOneAppSendsItsMessagesBackWithAFreshAttemptBudgetAndKeepsTheOtherApps() {
        putTheDeadLetters();

        try (TopicReader messages = TopicReader.from(MESSAGES)) {
            Management.admin().queryParam("app", APP_A).post("/admin/sentiance/dlq/replay").then().statusCode(200)
                    .body("replayed", equalTo(2)).body("skipped", equalTo(1)).body("kept", equalTo(2))
                    .body("left", equalTo(0)).body("filter.app", equalTo(APP_A))
                    .body("skippedSamples", hasSize(1)).body("skippedSamples[0].firstBytes", equalTo("not json at all"));

            List<ConsumerRecord<String, byte[]>> replayed = messages.read(3, Duration.ofSeconds(5));
            assertEquals(Map.of(APP_A + ":u1", stationary("u1"), APP_A + ":u2", stationary("u2")),
                    replayed.stream().collect(Collectors.toMap(ConsumerRecord::key,
                            r -> new String(r.value(), StandardCharsets.UTF_8))));
            for (ConsumerRecord<String, byte[]> message : replayed) {
                // As the receiver publishes a message: with its app, without any trace of its failures.
                assertEquals(APP_A, RecordHeaders.get(message.headers(), SentianceRecords.APP_ID));
                for (String header : List.of(RecordHeaders.ATTEMPT, RecordHeaders.NOT_BEFORE, RecordHeaders.REASON,
                        RecordHeaders.SOURCE)) {
                    assertNull(RecordHeaders.get(message.headers(), header), header);
                }
            }

            Management.admin().get("/admin/sentiance/dlq").then()
                    .body("records", equalTo(2)).body("byApp", equalTo(Map.of(APP_B, 2)))
                    .body("oldest.key", equalTo(APP_B + ":u3")).body("oldest.time", equalTo(BASE.plusSeconds(180).toString()));

            // Each dead letter is replayed once: the next replay of app-a finds nothing new.
            Management.admin().queryParam("app", APP_A).post("/admin/sentiance/dlq/replay").then().statusCode(200)
                    .body("replayed", equalTo(0)).body("skipped", equalTo(0)).body("kept", equalTo(2));
            assertEquals(List.of(), messages.readAll(Duration.ofSeconds(2)));
        }
    }
}
