package org.movetimeline.sentiance.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.ingest.Failure;
import org.movetimeline.sentiance.SentianceKey;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse stage alone: transports split from the other types, repeats collapsed, unusable records failed with a reason. */
class MessageParserTest {

    final MessageParser parser = new MessageParser(new ObjectMapper());
    long offset;

    ConsumerRecord<String, byte[]> record(String key, String app, String value, int attempts) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("sentiance.firehose.messages", 0, offset++, key,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        if (app != null) {
            RecordHeaders.put(record.headers(), SentianceRecords.APP_ID, app);
        }
        if (attempts > 0) {
            RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempts);
        }
        return record;
    }

    static String transport(String user, String event) {
        return "{\"meta\":{\"message_type\":\"transport\"},\"data\":{\"user_id\":\"" + user + "\",\"event_id\":\"" + event
                + "\",\"mode\":\"car\"}}";
    }

    @Test
    void transportsAreGroupedByAppWithRepeatsFetchedOnceAndOtherTypesKept() {
        MessageParser.Parsed parsed = parser.parse(List.of(
                record("a:u1", "a", transport("u1", "e1"), 2),
                record("b:u1", "b", transport("u1", "e1"), 0),
                record("a:u1", "a", transport("u1", "e1"), 1),
                // A retry record carries no app header: the key names the app.
                record("a:u2", null, transport("u2", "e2"), 1),
                record("a:u1", "a", "{\"meta\":{\"message_type\":\"stationary\"},\"data\":{\"user_id\":\"u1\"}}", 0)));

        assertEquals(List.of("a", "b"), List.copyOf(parsed.transportsByApp().keySet()));
        List<PendingTransport> ofA = parsed.transportsByApp().get("a");
        assertEquals(List.of(new SentianceKey("a", "u1", "e1"), new SentianceKey("a", "u2", "e2")),
                ofA.stream().map(PendingTransport::key).toList());
        assertEquals(1, ofA.get(0).attempts(), "the copy with the fewest attempts sets the budget");
        assertEquals("car", ofA.get(0).messageMode());
        assertEquals(1, parsed.others().size());
        assertEquals("stationary", parsed.others().get(0).message().messageType());
        assertEquals(List.of(), parsed.unreadable());
    }

    @Test
    void aRecordThatIsNoUsableMessageFailsForTheDlqWithItsReason() {
        MessageParser.Parsed parsed = parser.parse(List.of(
                record("a:u1", "a", null, 0),
                record("a:u1", "a", "not json", 0),
                record("a:u1", "a", "{\"meta\":{},\"data\":{\"user_id\":\"u1\"}}", 0),
                record("a:u1", "a", "{\"meta\":{\"message_type\":\"transport\"},\"data\":{\"user_id\":\"u1\"}}", 0),
                record(null, null, transport("u1", "e1"), 0)));

        parsed.unreadable().forEach(f -> assertFalse(f.retryable()));
        List<String> reasons = parsed.unreadable().stream().map(Failure::reason).toList();
        assertEquals(5, reasons.size(), reasons.toString());
        assertEquals("unreadable Firehose message at sentiance.firehose.messages-0@0: record without a value", reasons.get(0));
        assertEquals("unreadable Firehose message at sentiance.firehose.messages-0@1: not JSON: Unrecognized token 'not':"
                + " was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", reasons.get(1));
        assertTrue(reasons.get(2).endsWith("@2: meta.message_type missing or not a non-empty string"), reasons.get(2));
        assertTrue(reasons.get(3).endsWith("@3: data.event_id missing or not a non-empty string"), reasons.get(3));
        assertTrue(reasons.get(4).endsWith("@4: no sentiance-app-id header and no appId:userId key"), reasons.get(4));
        assertEquals("a:u1", parsed.unreadable().get(3).key(), "the record's own key");
        assertEquals(List.of(), parsed.others());
        assertEquals(Map.of(), parsed.transportsByApp());
    }
}
