package org.movetimeline.ingest;

import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.TestConfig;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchTimeBudgetTest {

    @Test
    void theDefaultsLeaveMoveHalfOfFiveMinutesAndOneCallFits() {
        BatchTimeBudget budget = new BatchTimeBudget(TestConfig.move(Map.of()), 5000, 10000);

        assertEquals(Duration.ofSeconds(150), budget.fetch());
        assertEquals(Duration.ofSeconds(75), budget.publish());
        assertDoesNotThrow(budget::requireOneCallFits);
    }

    @Test
    void aPollIntervalTooShortForOneCallIsRefusedNamingTheSettings() {
        BatchTimeBudget budget = new BatchTimeBudget(TestConfig.move(Map.of("move.ingest.max-poll-interval", "60s")), 5000, 10000);

        var e = assertThrows(IllegalStateException.class, budget::requireOneCallFits);
        assertEquals("move.ingest.max-poll-interval=60000 ms leaves MOVE 30000 ms per poll batch, less than one call may take"
                + " (85000 ms: move.api.retry.max-duration 60000 ms + move.api.limit.max-wait 10000 ms + connect-timeout"
                + " 5000 ms + read-timeout 10000 ms); raise MOVE_INGEST_MAX_POLL_INTERVAL or lower those", e.getMessage());
    }
}
