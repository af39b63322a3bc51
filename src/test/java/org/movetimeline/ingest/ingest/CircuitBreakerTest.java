package org.movetimeline.ingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.ingest.notify.RecordHeaders;
import org.movetimeline.ingest.testsupport.FakeMoveApi;
import org.movetimeline.ingest.testsupport.Notifier;
import org.movetimeline.ingest.testsupport.Rows;
import org.movetimeline.ingest.testsupport.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A MOVE outage opens the breaker: MOVE stops being called, and nothing is lost once it is back. */
@QuarkusTest
@TestProfile(CircuitBreakerTest.TrippingBreaker.class)
class CircuitBreakerTest {

    @Inject
    FailureRouter router;

    static final String ADAPTER = "org.movetimeline.ingest.moveapi.MoveApiAdapter/";

    public static class TrippingBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    ADAPTER + "CircuitBreaker/requestVolumeThreshold", "4",
                    ADAPTER + "CircuitBreaker/delay", "6000",
                    ADAPTER + "Retry/maxRetries", "1",
                    "move.ingest.max-attempts", "20",
                    "move.ingest.retry-delay", "500ms",
                    "move.ingest.max-retry-delay", "1s");
        }
    }

    static boolean refusedByOpenBreaker(ConsumerRecord<String, byte[]> record) {
        String reason = RecordHeaders.get(record.headers(), RecordHeaders.REASON);
        return "1001:outage".equals(record.key()) && reason != null && reason.startsWith("CircuitBreakerOpenException");
    }

    @Test
    void anOutageOpensTheBreakerAndIngestionResumesWithoutLossAfterIt() {
        FakeMoveApi move = FakeMoveApi.shared();
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            move.put(FakeMoveApi.tripItem(1001, "outage", start.plusSeconds(3600L * i), "CAR"));
            batch.add(Notifier.item(1001, "outage", start.plusSeconds(3600L * i)));
        }
        move.failAlways(1001);
        try (TopicReader retry = TopicReader.from(router.tiers().topics())) {
            IngestPipelineTest.notifyItems(batch);

            // Failed calls open the breaker; the next attempt is refused without a call, which the retry record says.
            assertTrue(retry.readUntil(got -> got.stream().anyMatch(CircuitBreakerTest::refusedByOpenBreaker),
                    Duration.ofSeconds(30)).stream().anyMatch(CircuitBreakerTest::refusedByOpenBreaker), "the breaker opened");
            int whileOpen = move.calls(1001).size();
            // Retries keep coming from the retry topic (0.5 s apart), yet none reaches MOVE while the breaker is open.
            await().pollDelay(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertEquals(whileOpen, move.calls(1001).size(), "the open breaker keeps calls away from MOVE");
        } finally {
            move.recover(1001);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(1001, "outage") == 3);
        assertEquals(3, Rows.count(1001, "outage"));
    }
}
