package org.movetimeline.ingest.moveapi;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, except that MOVE's own Retry-After wins when it sent one. */
@RegisterForReflection // instantiated reflectively by SmallRye Fault Tolerance
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final long MAX_DELAY_MS = 30_000;

    private long nextDelay;

    @Override
    public void init(long initialDelayInMillis) {
        nextDelay = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof MoveApiException.Transient t && t.retryAfter().isPresent()) {
            return Math.min(MAX_DELAY_MS, t.retryAfter().get().toMillis());
        }
        long delay = nextDelay;
        nextDelay = Math.min(MAX_DELAY_MS, nextDelay * 2);
        // Full jitter on half the delay keeps many consumers from retrying in step.
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }
}
