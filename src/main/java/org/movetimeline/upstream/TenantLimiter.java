package org.movetimeline.upstream;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import org.movetimeline.config.UpstreamCalls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many calls one tenant may have at its API at once. The limit is Netflix concurrency-limits' AIMD: a 429 or a
 * timeout multiplies it by {@link #BACKOFF_RATIO}, a success while at least half of it is in use adds one, between
 * min and max. A call over the limit waits in {@link #acquire()} for at most max-wait. A call that waits out the API's
 * Retry-After holds no slot meanwhile: the slot is returned with the 429 and taken again for the retry.
 */
final class TenantLimiter {

    /**
     * The library's default, and gentle on purpose: each call in flight when the API starts refusing brings a 429 back,
     * so a burst of them still shrinks the limit fast (ten take it to a third), while a tenant that sees a 429 now
     * and then (fault phase (a) of the MOVE benchmark: one call in five) keeps most of its limit.
     */
    private static final double BACKOFF_RATIO = 0.9;
    /** A success slower than this lowers the limit like a timeout: the API is struggling with this tenant's load. */
    private static final long SLOW_ANSWER_SECONDS = 5;

    /** Who in messages, e.g. "project 7". */
    private final String tenant;
    private final AIMDLimit limit;
    private final Limiter<Void> slots;
    private final Duration maxWait;
    private final Object changed = new Object();

    TenantLimiter(String tenant, UpstreamCalls.Limit settings) {
        this.tenant = tenant;
        this.maxWait = settings.maxWait();
        this.limit = AIMDLimit.newBuilder()
                .initialLimit(settings.initial())
                .minLimit(settings.min())
                .maxLimit(settings.max())
                .backoffRatio(BACKOFF_RATIO)
                .timeout(SLOW_ANSWER_SECONDS, TimeUnit.SECONDS)
                .build();
        this.slots = SimpleLimiter.newBuilder().limit(limit).build();
    }

    int limit() {
        return limit.getLimit();
    }

    /**
     * A slot for one attempt; the caller must {@link #release} it.
     *
     * @throws UpstreamException.Transient (refused) when none comes free within max-wait
     */
    Limiter.Listener acquire() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (changed) {
            while (true) {
                Optional<Limiter.Listener> slot = slots.acquire(null);
                if (slot.isPresent()) {
                    return slot.get();
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    throw refused("no free call slot within " + maxWait.toMillis() + " ms");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused("interrupted while waiting for a call slot");
                }
            }
        }
    }

    /** Returns the slot, with what its attempt taught about the API's capacity for this tenant. */
    void release(Limiter.Listener slot, CallOutcome outcome) {
        if (outcome == CallOutcome.OK) {
            slot.onSuccess();
        } else if (outcome == CallOutcome.RATE_LIMITED || outcome == CallOutcome.TIMEOUT) {
            slot.onDropped();
        } else {
            // 5xx, I/O errors, 404s and refusals say nothing about load: the breaker deals with an outage.
            slot.onIgnore();
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private UpstreamException.Transient refused(String why) {
        return new UpstreamException.Transient(tenant + " not called: " + why, CallOutcome.REFUSED,
                null, null);
    }
}
