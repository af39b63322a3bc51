package org.movetimeline.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryTiersTest {

    @Test
    void theDefaultsMakeOneTopicPerDistinctDelay() {
        RetryTiers tiers = RetryTiers.of("r", Duration.ofSeconds(30), Duration.ofHours(1), 10);

        assertEquals(List.of("r.30s", "r.1m", "r.2m", "r.4m", "r.8m", "r.16m", "r.32m", "r.1h"), tiers.topics());
        assertEquals(Duration.ofSeconds(30), tiers.delayAfter(1));
        assertEquals(Duration.ofMinutes(32), tiers.delayAfter(7));
        assertEquals(Duration.ofHours(1), tiers.delayAfter(8));
        assertEquals(Duration.ofHours(1), tiers.delayAfter(9));
        assertEquals("r.1h", tiers.topicAfter(9));
        assertEquals("r.2m", tiers.topicAfter(3));
    }

    @Test
    void delaysBelowASecondAndUnevenCapsKeepReadableNames() {
        RetryTiers tiers = RetryTiers.of("r", Duration.ofMillis(300), Duration.ofMillis(1000), 5);

        assertEquals(List.of("r.300ms", "r.600ms", "r.1s"), tiers.topics());
        assertEquals(Duration.ofSeconds(1), tiers.delayAfter(4));
    }

    @Test
    void aFirstDelayAboveTheCapIsCapped() {
        RetryTiers tiers = RetryTiers.of("r", Duration.ofMinutes(90), Duration.ofHours(1), 3);

        assertEquals(List.of("r.1h"), tiers.topics());
    }

    @Test
    void labels() {
        assertEquals("90s", RetryTiers.label(Duration.ofSeconds(90)));
        assertEquals("2h", RetryTiers.label(Duration.ofHours(2)));
        assertEquals("1500ms", RetryTiers.label(Duration.ofMillis(1500)));
        assertEquals("0ms", RetryTiers.label(Duration.ZERO));
    }
}
