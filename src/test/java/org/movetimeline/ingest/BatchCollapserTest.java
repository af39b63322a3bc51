package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchCollapserTest {

    static final BatchCollapser COLLAPSER = new BatchCollapser(new ObjectMapper());
    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    long offset;

    ConsumerRecord<String, byte[]> record(String value, int attempts) {
        var headers = new RecordHeaders();
        if (attempts > 0) {
            org.movetimeline.topics.RecordHeaders.put(headers, org.movetimeline.topics.RecordHeaders.ATTEMPT, attempts);
        }
        return new ConsumerRecord<>("move.timeline.notifications", 3, offset++, -1, null, 0, 0, "k",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    @Test
    void repeatDeliveriesOfAKeyAreFetchedOnceWithTheLargestRemainingBudget() {
        var collapsed = COLLAPSER.collapse(List.of(record(Webhook.item(1000, "u", T), 2),
                record(Webhook.item(1000, "u", T), 0), record(Webhook.item(1000, "u", T), 1)));

        assertEquals(1, collapsed.size());
        assertEquals(0, collapsed.byProject().get(1000).get(0).attempts());
        assertTrue(collapsed.unreadable().isEmpty());
    }

    @Test
    void timestampsThatPostgreSqlWouldStoreAsOneAreOneKey() {
        String a = Webhook.item(1000, "u", T).replace("\"startTime\":\"2026-05-01T10:00:00Z\"",
                "\"startTime\":\"2026-05-01T10:00:00.0000001Z\"");
        String b = Webhook.item(1000, "u", T).replace("\"startTime\":\"2026-05-01T10:00:00Z\"",
                "\"startTime\":\"2026-05-01T12:00:00.0000009+02:00\"");

        var collapsed = COLLAPSER.collapse(List.of(record(a, 0), record(b, 0)));

        assertEquals(1, collapsed.size());
        assertEquals(T, collapsed.byProject().get(1000).get(0).key().startTs());
    }

    @Test
    void groupsByProjectInFirstSeenOrder() {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        batch.add(record(Webhook.item(1001, "a", T), 0));
        batch.add(record(Webhook.item(1000, "b", T), 0));
        batch.add(record(Webhook.item(1001, "c", T), 0));

        var collapsed = COLLAPSER.collapse(batch);

        assertEquals(List.of(1001, 1000), List.copyOf(collapsed.byProject().keySet()));
        assertEquals(List.of("a", "c"), collapsed.byProject().get(1001).stream().map(p -> p.notification().userId()).toList());
    }

    @Test
    void aRecordWithoutAValueIsAFailureThatNamesWhereItIs() {
        var collapsed = COLLAPSER.collapse(List.of(record(null, 0), record(Webhook.item(1000, "u", T), 0)));

        assertEquals(1, collapsed.size());
        Failure failure = collapsed.unreadable().get(0);
        assertEquals("record without a value at move.timeline.notifications-3@0", failure.reason());
        assertFalse(failure.retryable());
        assertNull(failure.raw());
        assertEquals("k", failure.key());
    }

    @Test
    void aValueThatIsNoNotificationIsAFailureWithTheParsersWords() {
        var collapsed = COLLAPSER.collapse(List.of(record("{\"projectId\":1000}", 1), record("not json", 0), record("", 0)));

        assertEquals(0, collapsed.size());
        assertEquals(3, collapsed.unreadable().size());
        assertTrue(collapsed.unreadable().get(0).reason().endsWith("userId missing or not a non-empty string"),
                collapsed.unreadable().get(0).reason());
        assertEquals(1, collapsed.unreadable().get(0).attemptsBefore());
        assertTrue(collapsed.unreadable().get(1).reason().startsWith("unreadable notification at move.timeline.notifications-3@1: "));
        assertTrue(collapsed.unreadable().stream().noneMatch(Failure::retryable));
    }
}
