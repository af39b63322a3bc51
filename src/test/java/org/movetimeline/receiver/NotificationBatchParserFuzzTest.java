package org.movetimeline.receiver;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.receiver.NotificationBatchParser.ParsedBatch;
import org.movetimeline.receiver.NotificationBatchParser.Rejected;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the parser with Jazzer: for any bytes, a verdict and no exception; every published
 * item an exact JSON object of the body; every reason short enough to travel beside the bytes in one Kafka record.
 * The normal test run replays the inputs in NotificationBatchParserFuzzTestInputs/; {@code ./mvnw test
 * -Dtest=NotificationBatchParserFuzzTest -Djazzer.fuzz=1} fuzzes (see README, "Tests").
 */
class NotificationBatchParserFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final NotificationBatchParser PARSER = new NotificationBatchParser(MAPPER);
    /** A slice with anything before or after its object would fail here. */
    private static final ObjectReader ONE_VALUE = MAPPER.reader(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"{\"items\":[", "\"projectId\":", "\"userId\":", "\"startTime\":", "\"2026-03-01T08:00:00Z\"",
            "\"2020-10-16T10:13:00.5+23:59\"", "\\u0000", "\\ud800", "\uFEFF", "\u0663", "1e400", "2147483648"})
    void everyBodyGetsAVerdict(byte[] body) throws IOException {
        ParsedBatch batch = PARSER.parse(body);

        for (TimelineNotification notification : batch.usable()) {
            JsonNode item = ONE_VALUE.readTree(notification.raw());
            assertTrue(item.isObject());
            assertEquals(notification.projectId(), item.get("projectId").intValue());
            assertEquals(notification.userId(), item.get("userId").textValue());
            assertTrue(notification.userId().length() <= TimelineNotification.MAX_USER_ID_LENGTH);
        }
        for (Rejected rejected : batch.rejected()) {
            assertFalse(rejected.reason().isBlank());
            assertTrue(rejected.reason().length() <= 1000, rejected.reason());
        }
        if (batch.rejected().size() == 1 && batch.rejected().get(0).reason().startsWith("body ")) {
            assertEquals(0, batch.usable().size(), "a body dead-lettered whole publishes nothing");
            assertArrayEquals(body, batch.rejected().get(0).raw());
        }
    }
}
