package org.movetimeline.upstream;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterBackoffTest {

    private static UpstreamException.Transient failure(CallOutcome outcome, Duration retryAfter) {
        return new UpstreamException.Transient("answered " + outcome.tag, outcome, retryAfter, null);
    }

    @Test
    void withoutRetryAfterTheDelayDoublesWithJitterOnItsUpperHalf() {
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        backoff.init(500);
        for (long base = 500; base <= 4000; base *= 2) {
            long delay = backoff.nextDelayInMillis(failure(CallOutcome.SERVER_ERROR, null));
            assertTrue(delay >= base / 2 && delay <= base, "delay " + delay + " for base " + base);
        }
    }

    @Test
    void theDelayIsCappedAtThirtySeconds() {
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        backoff.init(20_000);
        backoff.nextDelayInMillis(failure(CallOutcome.TIMEOUT, null));
        for (int i = 0; i < 5; i++) {
            assertTrue(backoff.nextDelayInMillis(failure(CallOutcome.TIMEOUT, null)) <= 30_000);
        }
    }

    @Test
    void aRetryAfterIsWaitedExactlyAndDoesNotAdvanceTheBackoff() {
        RetryAfterBackoff backoff = new RetryAfterBackoff();
        backoff.init(500);
        assertEquals(1_000, backoff.nextDelayInMillis(failure(CallOutcome.RATE_LIMITED, Duration.ofSeconds(1))));
        long next = backoff.nextDelayInMillis(failure(CallOutcome.SERVER_ERROR, null));
        assertTrue(next >= 250 && next <= 500, "still the first backoff step: " + next);
    }
}
