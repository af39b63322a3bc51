package org.movetimeline.ingest.moveapi;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import org.movetimeline.ingest.config.MoveConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How many calls one project may have at MOVE at once, and whether MOVE asked it to pause. The limit is
 * Netflix concurrency-limits' AIMD: a 429 or a timeout multiplies it by {@link #BACKOFF_RATIO}, a success
 * while at least half of it is in use adds one, between min and max. A call over the limit, or during a
 * pause, waits in {@link #acquire()} for at most max-wait in all. The waiting is done here rather than by the
 * library's BlockingLimiter, which knows no pause: a slot taken before a pause ends would be held through it,
 * and the time held would count as a slow answer.
 */
final class ProjectLimiter {

    /** Gentler than halving: calls already in flight when MOVE starts refusing each bring a 429 back. */
    private static final double BACKOFF_RATIO = 0.75;
    /** A success slower than this lowers the limit like a timeout: MOVE is struggling with this project's load. */
    private static final long SLOW_ANSWER_SECONDS = 5;

    private final int projectId;
    private final AIMDLimit limit;
    private final Limiter<Void> slots;
    private final Duration maxWait;
    private final Object changed = new Object();
    private long pausedUntilNanos = System.nanoTime(); // guarded by changed

    ProjectLimiter(int projectId, MoveConfig.Api.Limit settings) {
        this.projectId = projectId;
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
     * A slot for one attempt, taken once the project's pause (if any) is over; the caller must {@link #release} it.
     *
     * @throws MoveApiException.Transient (refused) when that does not happen within max-wait, or cannot: the pause
     *                                    ends later
     */
    Limiter.Listener acquire() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        synchronized (changed) {
            while (true) {
                long now = System.nanoTime();
                long until = pausedUntilNanos;
                long wait;
                if (until - now > 0) {
                    if (until - deadline > 0) {
                        throw refused("paused by MOVE's Retry-After for another " + TimeUnit.NANOSECONDS.toMillis(until - now)
                                + " ms, longer than max-wait " + maxWait.toMillis() + " ms", Duration.ofNanos(until - now));
                    }
                    wait = until - now;
                } else {
                    Optional<Limiter.Listener> slot = slots.acquire(null);
                    if (slot.isPresent()) {
                        return slot.get();
                    }
                    if (deadline - now <= 0) {
                        throw refused("no free call slot within " + maxWait.toMillis() + " ms", null);
                    }
                    wait = deadline - now;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused("interrupted while waiting for a call slot", null);
                }
            }
        }
    }

    /** Returns the slot, with what its attempt taught about MOVE's capacity for this project. */
    void release(Limiter.Listener slot, CallOutcome outcome) {
        if (outcome == CallOutcome.OK) {
            slot.onSuccess();
        } else if (outcome == CallOutcome.RATE_LIMITED || outcome == CallOutcome.TIMEOUT) {
            slot.onDropped();
        } else {
            // 5xx, I/O errors and refusals say nothing about load: the breaker deals with an outage.
            slot.onIgnore();
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** No call of this project starts before {@code wait} from now has passed (MOVE's Retry-After). */
    void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        synchronized (changed) {
            if (until - pausedUntilNanos > 0) {
                pausedUntilNanos = until;
            }
        }
    }

    private MoveApiException.Transient refused(String why, Duration retryAfter) {
        return new MoveApiException.Transient("project " + projectId + " not called: " + why, CallOutcome.REFUSED,
                retryAfter, null);
    }
}
