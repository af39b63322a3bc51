package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A poll batch waiting for a slow MOVE answer does not hold up the batches polled after it: each consumer loop
 * keeps several in the stages, and still commits them in order.
 */
@QuarkusTest
class BatchesInFlightTest {

    static final int SLOW = 1002;
    static final int FAST = 1000;
    static final Duration SLOW_ANSWER = Duration.ofSeconds(6);

    @Test
    void notificationsBehindASlowBatchAreStoredBeforeItsAnswerArrives() {
        FakeMoveApi move = FakeMoveApi.shared();
        Instant start = Instant.parse("2026-08-01T00:00:00Z");
        move.put(FakeMoveApi.tripItem(SLOW, "in-flight-slow", start, "CAR"));
        // Users spread over the partitions, so some share the slow notification's partition and consumer loop.
        List<String> fast = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            move.put(FakeMoveApi.tripItem(FAST, "in-flight-fast-" + i, start, "BUS"));
            fast.add(Webhook.item(FAST, "in-flight-fast-" + i, start));
        }
        int slowCallsBefore = move.calls(SLOW).size();
        move.latency(SLOW, SLOW_ANSWER);
        try {
            IngestPipelineTest.notifyItems(List.of(Webhook.item(SLOW, "in-flight-slow", start)));
            // Its call has reached MOVE (which records it before answering), so it is in a poll batch of its own.
            await().atMost(Duration.ofSeconds(20)).until(() -> move.calls(SLOW).size() > slowCallsBefore);
            IngestPipelineTest.notifyItems(fast);

            await().atMost(SLOW_ANSWER.minusSeconds(2)).until(() -> countFast() == fast.size());
            assertEquals(0, Rows.count(SLOW, "in-flight-slow"), "the slow answer has not arrived yet");
        } finally {
            move.latency(SLOW, Duration.ZERO);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(SLOW, "in-flight-slow") == 1);
    }

    private static int countFast() {
        int stored = 0;
        for (int i = 0; i < 24; i++) {
            stored += Rows.count(FAST, "in-flight-fast-" + i);
        }
        return stored;
    }
}
