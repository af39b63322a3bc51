package org.movetimeline.upstream;

import com.netflix.concurrency.limits.Limiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.movetimeline.config.UpstreamCalls;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Everything between one tenant's calls and its API (a MOVE project, a Sentiance app): in-call retries and a circuit
 * breaker of its own (SmallRye Fault Tolerance), its limit ({@link TenantLimiter}), and metrics tagged with the
 * tenant. A 429 lowers the limit and its call is retried after the API's Retry-After (if that is within max-wait);
 * the tenant's other calls go on at the lowered limit. The retry wraps the
 * breaker, so each attempt is judged by it; the limit sits inside the breaker, so an open breaker refuses at
 * once instead of after a wait for a slot.
 */
public final class TenantGuard {

    private static final TypeLiteral<Answer<byte[]>> ANSWER = new TypeLiteral<>() {
    };
    /** Trial calls of a half-open breaker that must succeed before it closes. */
    private static final int SUCCESSES_TO_CLOSE = 2;

    /** Who in messages, e.g. "project 7". */
    private final String tenant;
    private final TenantLimiter limiter;
    private final TypedGuard<Answer<byte[]>> guard;
    private final Duration breakerDelay;
    private final AtomicInteger breakerState = new AtomicInteger(gaugeValue(CircuitBreakerState.CLOSED));
    private volatile long openedAtNanos;
    private final Map<CallOutcome, Counter> calls = new EnumMap<>(CallOutcome.class);
    private final Timer latency;

    /**
     * @param api          the API's name in descriptions, e.g. "MOVE"
     * @param metricPrefix of the meters {@code .limit}, {@code .breaker.state}, {@code .calls}, {@code .call}, e.g. "move.api"
     * @param tagName      the tenant's tag and its word in messages, e.g. "project"
     */
    public TenantGuard(String api, String metricPrefix, String tagName, String tenantId, UpstreamCalls settings,
            MeterRegistry registry) {
        this.tenant = tagName + " " + tenantId;
        this.limiter = new TenantLimiter(tenant, settings.limit());
        this.breakerDelay = settings.breaker().delay();
        // A Retry-After longer than a call may wait is left to the retry tiers, which wait without holding a batch.
        Duration maxWait = settings.limit().maxWait();
        UpstreamCalls.Retry retry = settings.retry();
        this.guard = TypedGuard.create(ANSWER)
                .withDescription(api + " API of " + tenant)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS) // RetryAfterBackoff jitters by itself
                    .whenException(failure -> failure instanceof UpstreamException.Transient t && t.outcome().worthRetrying
                            && t.retryAfter().map(wait -> wait.compareTo(maxWait) <= 0).orElse(true))
                    .withCustomBackoff().strategy(RetryAfterBackoff::new).done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(settings.breaker().window())
                    .failureRatio(settings.breaker().failureRatio())
                    .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(SUCCESSES_TO_CLOSE)
                    // Anything else counts as a success, a call the limit refused too: that only dilutes the ratio.
                    .when(failure -> failure instanceof UpstreamException.Transient t && t.outcome().countsTowardBreaker)
                    .onStateChange(this::breakerChanged)
                    .done()
                .build();

        Tags tags = Tags.of(tagName, tenantId);
        Gauge.builder(metricPrefix + ".limit", limiter, TenantLimiter::limit).tags(tags)
                .description("Calls this " + tagName + " may have at " + api + " at once").register(registry);
        Gauge.builder(metricPrefix + ".breaker.state", breakerState, AtomicInteger::get).tags(tags)
                .description("Circuit breaker of this " + tagName + ": 0 closed, 1 open, 2 half-open").register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            calls.put(outcome, Counter.builder(metricPrefix + ".calls").tags(tags.and("outcome", outcome.tag))
                    .description("Attempts at " + api + " calls by how they ended; refused ones were not sent")
                    .register(registry));
        }
        latency = Timer.builder(metricPrefix + ".call").tags(tags).description("One attempt's HTTP exchange with " + api)
                .register(registry);
    }

    /** {@code attempt}'s answer, retried and guarded; an open breaker fails it at once. */
    public Answer<byte[]> call(Supplier<Answer<byte[]>> attempt) {
        try {
            return guard.get(() -> withinLimit(attempt));
        } catch (CircuitBreakerOpenException e) {
            calls.get(CallOutcome.REFUSED).increment();
            throw new UpstreamException.Transient("circuit breaker of " + tenant + " is open",
                    CallOutcome.REFUSED, untilHalfOpen(), e);
        }
    }

    int limit() {
        return limiter.limit();
    }

    /** 0 closed, 1 open, 2 half-open, as the gauge says. */
    int breakerState() {
        return breakerState.get();
    }

    private Answer<byte[]> withinLimit(Supplier<Answer<byte[]>> attempt) {
        Limiter.Listener slot;
        try {
            slot = limiter.acquire();
        } catch (UpstreamException.Transient refused) {
            calls.get(CallOutcome.REFUSED).increment();
            throw refused;
        }
        long started = System.nanoTime();
        CallOutcome outcome = null; // stays null for an exception that is no answer of the API's: nothing to learn from it
        try {
            Answer<byte[]> answer = attempt.get();
            outcome = CallOutcome.OK;
            return answer;
        } catch (UpstreamException failure) {
            outcome = CallOutcome.of(failure);
            throw failure;
        } finally {
            limiter.release(slot, outcome);
            if (outcome != null) {
                calls.get(outcome).increment();
                latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void breakerChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            openedAtNanos = System.nanoTime();
        }
        breakerState.set(gaugeValue(state));
    }

    private Duration untilHalfOpen() {
        Duration left = breakerDelay.minusNanos(System.nanoTime() - openedAtNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static int gaugeValue(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}
