package org.movetimeline.bench;

import org.junit.jupiter.api.Test;
import org.movetimeline.bench.Verdict.EventCounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Nothing lost" is decided by this arithmetic, so it is pinned down without Kafka or a database. */
class VerdictTest {

    private static final EventCounts EVENTS = new EventCounts(3, 2, 1, 4, 1, 0);

    private static ItemKey key(int i) {
        return new ItemKey(1000 + i % 2, String.format("u%04d", i % 7 + 1), 1_767_225_600L + i * 60L);
    }

    private static List<ItemKey> keys(int from, int to) {
        return IntStream.range(from, to).mapToObj(VerdictTest::key).toList();
    }

    private static Map<ItemKey, Integer> once(List<ItemKey> keys) {
        return keys.stream().collect(Collectors.toMap(k -> k, k -> 1));
    }

    @Test
    void everyAcknowledgedItemARowAndPublishedPassesAndTheLineSaysSo() {
        List<ItemKey> acknowledged = keys(0, 100);
        Map<ItemKey, Integer> published = new HashMap<>(once(acknowledged));
        published.put(key(5), 3); // replayed twice: at least once, not a failure
        published.put(key(6), 2);

        Verdict verdict = Verdict.of(100, acknowledged, Set.copyOf(acknowledged), Set.of(), published, EVENTS, 47.6, 42);

        assertTrue(verdict.passed());
        assertTrue(verdict.settled());
        assertEquals(List.of(), verdict.reasons());
        assertEquals("chaos items_notified=100 acknowledged=100 rows=100 missing=0 dead_lettered=0 not_on_items_topic=0"
                + " duplicates_on_items_topic=3 events=10 kills=5 broker_restarts=1 db_restarts=4 liveness_restarts=1"
                + " unexpected_exits=0 longest_stall_s=48 seed=42 verdict=PASS", verdict.line());
    }

    @Test
    void anAcknowledgedItemThatIsNeitherRowNorDeadLetteredIsMissingAndFails() {
        List<ItemKey> acknowledged = keys(0, 100);
        List<ItemKey> stored = keys(0, 97);

        Verdict verdict = Verdict.of(100, acknowledged, Set.copyOf(stored), Set.of(), once(stored), EVENTS, 0, 1);

        assertEquals(3, verdict.missing());
        assertEquals(List.of(key(97), key(98), key(99)), verdict.missingExamples());
        assertFalse(verdict.passed());
        assertFalse(verdict.settled(), "the drain keeps waiting for them");
        assertTrue(verdict.line().endsWith(" verdict=FAIL"));
        assertTrue(verdict.reasons().get(0).startsWith("3 acknowledged items are neither rows nor on the DLQ"));
    }

    @Test
    void deadLetteredItemsAreAccountedForNotMissingAndARowWinsOverADeadLetter() {
        List<ItemKey> acknowledged = keys(0, 10);
        List<ItemKey> stored = keys(0, 8);
        // 8 and 9 dead-lettered; 0 also dead-lettered once but stored later (a replay from the DLQ).
        Set<ItemKey> dlq = Set.of(key(8), key(9), key(0));

        Verdict verdict = Verdict.of(10, acknowledged, Set.copyOf(stored), dlq, once(stored), EVENTS, 0, 1);

        assertEquals(0, verdict.missing());
        assertEquals(2, verdict.deadLettered());
        assertTrue(verdict.passed());
    }

    @Test
    void aRowThatNeverReachedTheItemsTopicIsLostForItsConsumers() {
        List<ItemKey> acknowledged = keys(0, 10);
        Map<ItemKey, Integer> published = once(keys(1, 10));

        Verdict verdict = Verdict.of(10, acknowledged, Set.copyOf(acknowledged), Set.of(), published, EVENTS, 0, 1);

        assertEquals(0, verdict.missing());
        assertEquals(1, verdict.notOnItemsTopic());
        assertEquals(List.of(key(0)), verdict.notOnItemsTopicExamples());
        assertFalse(verdict.passed());
        assertFalse(verdict.settled());
    }

    @Test
    void itemsNeverAcknowledgedFailTheRunEvenWithNothingMissing() {
        List<ItemKey> acknowledged = keys(0, 90);

        Verdict verdict = Verdict.of(100, acknowledged, Set.copyOf(acknowledged), Set.of(), once(acknowledged), EVENTS, 0, 1);

        assertEquals(0, verdict.missing());
        assertTrue(verdict.settled());
        assertFalse(verdict.passed());
        assertTrue(verdict.reasons().get(0).startsWith("10 of 100 items were never acknowledged"));
    }

    @Test
    void rowsOfUnacknowledgedItemsAndTheirDuplicatesAreCountedButHarmless() {
        List<ItemKey> acknowledged = keys(0, 10);
        List<ItemKey> stored = keys(0, 12); // 10 and 11: a batch stored whose 200 never arrived
        Map<ItemKey, Integer> published = new HashMap<>(once(stored));
        published.put(key(11), 2);

        Verdict verdict = Verdict.of(10, acknowledged, Set.copyOf(stored), Set.of(), published, EVENTS, 0, 1);

        assertEquals(12, verdict.rows());
        assertEquals(2, verdict.unexpectedRows());
        assertEquals(1, verdict.duplicatesOnItemsTopic());
        assertTrue(verdict.passed());
    }

    @Test
    void examplesAreCappedAndEventCountsAddUp() {
        List<ItemKey> acknowledged = keys(0, 50);

        Verdict verdict = Verdict.of(50, acknowledged, Set.of(), Set.of(), Map.of(), EventCounts.NONE, 0, 1);

        assertEquals(50, verdict.missing());
        assertEquals(Verdict.EXAMPLES, verdict.missingExamples().size());
        assertEquals(0, EventCounts.NONE.events());
        assertEquals(10, EVENTS.events(), "supervisor restarts are not scheduled events");
        assertEquals(5, EVENTS.kills());
    }
}
