package org.movetimeline.ingest.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.movetimeline.ingest.testsupport.FakeMoveApi;
import org.movetimeline.ingest.testsupport.Notifier;
import org.movetimeline.ingest.testsupport.Rows;

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

    static final String ADAPTER = "org.movetimeline.ingest.moveapi.MoveApiAdapter/fetchItems/";

    public static class TrippingBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    ADAPTER + "CircuitBreaker/requestVolumeThreshold", "4",
                    ADAPTER + "CircuitBreaker/delay", "3000",
                    ADAPTER + "Retry/maxRetries", "1",
                    "move.ingest.max-attempts", "20",
                    "move.ingest.retry-delay", "500ms",
                    "move.ingest.max-retry-delay", "1s");
        }
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
        int callsBefore = move.calls(1001).size();
        try {
            IngestPipelineTest.notifyItems(batch);

            // Four failed calls open the breaker; after that the retries fail fast without calling MOVE.
            await().atMost(Duration.ofSeconds(30)).until(() -> move.calls(1001).size() >= callsBefore + 4);
            int whileOpen = move.calls(1001).size();
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> true);
            assertTrue(move.calls(1001).size() <= whileOpen + 1,
                    "the open breaker keeps calls away from MOVE: " + (move.calls(1001).size() - whileOpen) + " more calls");
        } finally {
            move.recover(1001);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(1001, "outage") == 3);
        assertEquals(3, Rows.count(1001, "outage"));
    }
}
