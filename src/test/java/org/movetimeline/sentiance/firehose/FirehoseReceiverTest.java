package org.movetimeline.sentiance.firehose;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Metrics;
import org.movetimeline.testsupport.SentianceProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.sentiance.firehose.Firehose.PATH;
import static org.movetimeline.sentiance.firehose.Firehose.as;
import static org.movetimeline.sentiance.firehose.Firehose.basic;
import static org.movetimeline.sentiance.firehose.Firehose.delivery;
import static org.movetimeline.sentiance.firehose.Firehose.gzip;
import static org.movetimeline.sentiance.firehose.Firehose.stationary;
import static org.movetimeline.sentiance.firehose.Firehose.transport;
import static org.movetimeline.testsupport.SentianceProfile.APP_A;
import static org.movetimeline.testsupport.SentianceProfile.APP_B;

@QuarkusTest
@TestProfile(SentianceProfile.class)
class FirehoseReceiverTest {

    static final String A_OLD = basic("sentiance", "secret-a-old");
    static final String A_NEW = basic("sentiance", "secret-a-new");
    static final String B = basic("firehose-b", "secret-b");
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofSeconds(2);

    TopicReader messages;
    TopicReader dlq;

    @BeforeEach
    void openTopics() {
        messages = TopicReader.from("sentiance.firehose.messages");
        dlq = TopicReader.from("sentiance.firehose.messages.dlq");
    }

    @AfterEach
    void closeTopics() {
        messages.close();
        dlq.close();
    }

    static ValidatableResponse postGzip(String app, String authorization, String body) {
        return as(authorization).header("Content-Encoding", "gzip").contentType("application/json")
                .body(gzip(body)).post(PATH + app).then();
    }

    /**
     * The receiver's dead letters among what arrives on the DLQ: the Sentiance consumer runs in this profile too and
     * dead-letters the transports these tests post (the fake API has none of their events) on the same topic.
     */
    List<ConsumerRecord<String, byte[]>> receiverDeadLetters(int expected, Duration within) {
        return fromReceiver(dlq.readUntil(got -> fromReceiver(got).size() >= expected, within));
    }

    static List<ConsumerRecord<String, byte[]>> fromReceiver(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> "receiver".equals(RecordHeaders.get(r.headers(), RecordHeaders.SOURCE)))
                .collect(Collectors.toList());
    }

    static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void eachMessageBecomesARecordKeyedByAppAndUserHoldingItsExactBytes() {
        // Odd spacing and key order: what is published must be the bytes Sentiance sent, not a re-serialisation.
        String spaced = "{ \"data\" : {\"user_id\":\"u2\", \"event_id\":\"e9\"},\n  \"meta\":{\"message_type\":\"transport\"} }";
        List<String> sent = List.of(transport("u1", "e1"), stationary("u2"), spaced);

        postGzip(APP_A, A_NEW, delivery(sent)).statusCode(200).body("accepted", equalTo(3)).body("deadLettered", equalTo(0));

        List<ConsumerRecord<String, byte[]>> got = messages.read(3, WAIT);
        got.addAll(messages.readAll(QUIET));
        assertEquals(3, got.size(), "one record per message, no more");
        // Users land on different partitions, so the records come in no particular order across them.
        Map<String, ConsumerRecord<String, byte[]>> byValue = byValue(got);
        assertEquals(Set.copyOf(sent), byValue.keySet(), "each message published as it was sent, byte for byte");
        assertEquals(APP_A + ":u1", byValue.get(sent.get(0)).key());
        assertEquals(APP_A + ":u2", byValue.get(sent.get(1)).key());
        assertEquals(APP_A + ":u2", byValue.get(spaced).key());
        got.forEach(r -> assertEquals(APP_A, RecordHeaders.get(r.headers(), SentianceRecords.APP_ID)));
        assertTrue(receiverDeadLetters(Integer.MAX_VALUE, Duration.ZERO).isEmpty());
    }

    /** Records by their value; values are ASCII here, so equal text is equal bytes. */
    static Map<String, ConsumerRecord<String, byte[]>> byValue(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, ConsumerRecord<String, byte[]>> out = new HashMap<>();
        records.forEach(r -> out.put(text(r), r));
        return out;
    }

    @Test
    void bothRotatedPasswordsOfAnAppWork() {
        postGzip(APP_A, A_OLD, delivery(List.of(transport("rot-1", "e1")))).statusCode(200).body("accepted", equalTo(1));
        postGzip(APP_A, A_NEW, delivery(List.of(transport("rot-2", "e2")))).statusCode(200).body("accepted", equalTo(1));
        as(A_OLD).get(PATH + APP_A).then().statusCode(200);
        assertEquals(Set.of(APP_A + ":rot-1", APP_A + ":rot-2"),
                messages.read(2, WAIT).stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
    }

    @Test
    void wrongCredentialsUnknownAppsAndNoAuthAre401OnBothMethodsAndPublishNothing() {
        double before = Metrics.value("sentiance_firehose_deliveries_total", "app", "unknown", "outcome", "unauthorized");
        String[][] calls = {
                {APP_A, basic("sentiance", "wrong")},
                {APP_A, B}, // another app's credentials
                {APP_B, A_NEW},
                {"app-unknown", A_NEW},
                {APP_A, null},
                {APP_A, "Bearer secret-a-new"},
                {APP_A, "Basic !!!"},
        };
        for (String[] call : calls) {
            postGzip(call[0], call[1], delivery(List.of(transport("intruder", "e1")))).statusCode(401)
                    .header("WWW-Authenticate", "Basic realm=\"sentiance-firehose\"");
            as(call[1]).get(PATH + call[0]).then().statusCode(401)
                    .header("WWW-Authenticate", "Basic realm=\"sentiance-firehose\"");
        }
        assertTrue(messages.readAll(QUIET).isEmpty(), "nothing published");
        assertTrue(receiverDeadLetters(Integer.MAX_VALUE, Duration.ZERO).isEmpty(), "nothing dead-lettered");
        // The unknown app is counted as such, not under its made-up name.
        assertEquals(2, Metrics.value("sentiance_firehose_deliveries_total", "app", "unknown", "outcome", "unauthorized")
                - (Double.isNaN(before) ? 0 : before));
    }

    @Test
    void theGetCheckAnswersTheAppId() {
        as(B).get(PATH + APP_B).then().statusCode(200).body("app_id", equalTo(APP_B));
        as(A_NEW).get(PATH + APP_A).then().statusCode(200).body("app_id", equalTo(APP_A));
    }

    @Test
    void aGzipBombIs413AndPublishesNothing() {
        // 50 MB of zeros is about 50 kB gzipped: far under the body limit, far over the 1 MB inflated cap.
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        assertTrue(bomb.length < 512 * 1024);
        as(A_NEW).header("Content-Encoding", "gzip").contentType("application/json").body(bomb).post(PATH + APP_A)
                .then().statusCode(413).body("error", equalTo("too-large"));
        // Also without the header: the magic bytes give it away.
        as(A_NEW).contentType("application/json").body(bomb).post(PATH + APP_A).then().statusCode(413);
        assertTrue(messages.readAll(QUIET).isEmpty());
        assertTrue(receiverDeadLetters(Integer.MAX_VALUE, Duration.ZERO).isEmpty());
    }

    @Test
    void plainJsonIsAcceptedToo() {
        String body = delivery(List.of(transport("plain", "e1")));
        as(B).contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post(PATH + APP_B)
                .then().statusCode(200).body("accepted", equalTo(1));
        List<ConsumerRecord<String, byte[]>> got = messages.read(1, WAIT);
        assertEquals(APP_B + ":plain", got.get(0).key());
        assertEquals(transport("plain", "e1"), text(got.get(0)));
    }

    @Test
    void aTestPayloadIsCountedAndPublishedNowhere() {
        double before = Metrics.value("sentiance_firehose_deliveries_total", "app", APP_B, "outcome", "test");
        as(B).header("sentiance-payload-type", "test").header("Content-Encoding", "gzip")
                .body(gzip(delivery(List.of(transport("test-user", "e1"))))).post(PATH + APP_B)
                .then().statusCode(200).body("test", equalTo(true));
        assertEquals(1, Metrics.value("sentiance_firehose_deliveries_total", "app", APP_B, "outcome", "test")
                - (Double.isNaN(before) ? 0 : before));
        assertTrue(messages.readAll(QUIET).isEmpty());
        assertTrue(receiverDeadLetters(Integer.MAX_VALUE, Duration.ZERO).isEmpty());
    }

    @Test
    void inAMixedBatchTheGoodArePublishedAndEachBadOneDeadLetteredWithItsCause() {
        String noEvent = "{\"meta\":{\"message_type\":\"transport\"},\"data\":{\"user_id\":\"mixed-2\"}}";
        String surrogate = "{\"meta\":{\"message_type\":\"location\"},\"data\":{\"user_id\":\"bad\\ud800\"}}";
        String noType = "{\"meta\":{},\"data\":{\"user_id\":\"mixed-3\"}}";
        List<String> sent = List.of(transport("mixed-1", "e1"), "42", noEvent, stationary("mixed-1"), surrogate, noType);

        postGzip(APP_A, A_NEW, delivery(sent)).statusCode(200).body("accepted", equalTo(2)).body("deadLettered", equalTo(4));

        List<ConsumerRecord<String, byte[]>> good = messages.read(2, WAIT);
        List<ConsumerRecord<String, byte[]>> bad = receiverDeadLetters(4, WAIT);
        good.addAll(messages.readAll(QUIET));
        bad.addAll(receiverDeadLetters(Integer.MAX_VALUE, Duration.ZERO));
        assertEquals(Set.of(transport("mixed-1", "e1"), stationary("mixed-1")), byValue(good).keySet());
        Map<String, ConsumerRecord<String, byte[]>> badByValue = byValue(bad);
        assertEquals(4, bad.size());
        Map<String, String> reasons = new HashMap<>();
        badByValue.forEach((value, record) -> reasons.put(value, RecordHeaders.get(record.headers(), RecordHeaders.REASON)));
        assertEquals(Map.of(
                "42", "data[1]: message is not a JSON object",
                noEvent, "data[2]: data.event_id missing or not a non-empty string",
                surrogate, "data[4]: data.user_id is not valid Unicode: a lone surrogate at index 3",
                noType, "data[5]: meta.message_type missing or not a non-empty string"), reasons);
        assertEquals(APP_A + ":mixed-2", badByValue.get(noEvent).key(), "the user is known, so is the key");
        assertNull(badByValue.get("42").key());
        for (ConsumerRecord<String, byte[]> record : bad) {
            assertEquals("receiver", RecordHeaders.get(record.headers(), RecordHeaders.SOURCE));
            assertEquals("0", RecordHeaders.get(record.headers(), RecordHeaders.ATTEMPT));
            assertEquals(APP_A, RecordHeaders.get(record.headers(), SentianceRecords.APP_ID));
        }
    }

    @Test
    void aBodyThatIsNotJsonGoesWholeToTheDlq() {
        String body = "<html>not json</html>";
        postGzip(APP_A, A_NEW, body).statusCode(200).body("accepted", equalTo(0)).body("deadLettered", equalTo(1));
        List<ConsumerRecord<String, byte[]>> bad = receiverDeadLetters(1, WAIT);
        assertEquals(body, text(bad.get(0)));
        assertTrue(RecordHeaders.get(bad.get(0).headers(), RecordHeaders.REASON).startsWith("body is not JSON"));

        String noData = "{\"messages\":[]}";
        as(A_NEW).body(noData.getBytes(StandardCharsets.UTF_8)).post(PATH + APP_A).then().statusCode(200);
        bad = receiverDeadLetters(1, WAIT);
        assertEquals(noData, text(bad.get(0)));
        assertEquals("body has no \"data\" array", RecordHeaders.get(bad.get(0).headers(), RecordHeaders.REASON));
        assertTrue(messages.readAll(QUIET).isEmpty());
    }

    @Test
    void corruptGzipGoesWholeToTheDlq() {
        byte[] gzip = gzip(delivery(List.of(transport("corrupt", "e1"))));
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length - 10);
        as(A_NEW).header("Content-Encoding", "gzip").body(truncated).post(PATH + APP_A)
                .then().statusCode(200).body("deadLettered", equalTo(1));
        List<ConsumerRecord<String, byte[]>> bad = receiverDeadLetters(1, WAIT);
        assertArrayEquals(truncated, bad.get(0).value());
        assertTrue(RecordHeaders.get(bad.get(0).headers(), RecordHeaders.REASON).startsWith("body is not valid gzip"),
                RecordHeaders.get(bad.get(0).headers(), RecordHeaders.REASON));
        assertTrue(messages.readAll(QUIET).isEmpty());
    }
}
