package org.movetimeline.upstream;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between in-call retries, except after an answer with Retry-After: then the next
 * attempt waits exactly as long as the API asked ({@link TenantGuard} retries only Retry-Afters within max-wait).
 */
class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final long MAX_DELAY_MS = 30_000;

    private long nextDelay;

    @Override
    public void init(long initialDelayInMillis) {
        nextDelay = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        if (cause instanceof UpstreamException.Transient t && t.retryAfter().isPresent()) {
            return t.retryAfter().get().toMillis();
        }
        long delay = nextDelay;
        nextDelay = Math.min(MAX_DELAY_MS, nextDelay * 2);
        // Full jitter on half the delay keeps many consumers from retrying in step.
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }
}
