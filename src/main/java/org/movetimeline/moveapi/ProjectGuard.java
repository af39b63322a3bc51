package org.movetimeline.moveapi;

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
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.UpstreamCalls;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Everything between one project's calls and MOVE: in-call retries and a circuit breaker of its own (SmallRye
 * Fault Tolerance), its limit ({@link ProjectLimiter}), and metrics tagged with the project. A 429 lowers the limit
 * and its call is retried after MOVE's Retry-After (if that is within max-wait); the project's other calls go on
 * at the lowered limit. The retry wraps the
 * breaker, so each attempt is judged by it; the limit sits inside the breaker, so an open breaker refuses at
 * once instead of after a wait for a slot.
 */
final class ProjectGuard {

    private static final TypeLiteral<MoveAnswer<byte[]>> ANSWER = new TypeLiteral<>() {
    };
    /** Trial calls of a half-open breaker that must succeed before it closes. */
    private static final int SUCCESSES_TO_CLOSE = 2;

    private final int projectId;
    private final ProjectLimiter limiter;
    private final TypedGuard<MoveAnswer<byte[]>> guard;
    private final Duration breakerDelay;
    private final AtomicInteger breakerState = new AtomicInteger(gaugeValue(CircuitBreakerState.CLOSED));
    private volatile long openedAtNanos;
    private final Map<CallOutcome, Counter> calls = new EnumMap<>(CallOutcome.class);
    private final Timer latency;

    ProjectGuard(int projectId, MoveConfig.Api settings, MeterRegistry registry) {
        this.projectId = projectId;
        this.limiter = new ProjectLimiter(projectId, settings.limit());
        this.breakerDelay = settings.breaker().delay();
        // A Retry-After longer than a call may wait is left to the retry tiers, which wait without holding a batch.
        Duration maxWait = settings.limit().maxWait();
        UpstreamCalls.Retry retry = settings.retry();
        this.guard = TypedGuard.create(ANSWER)
                .withDescription("MOVE API of project " + projectId)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS) // RetryAfterBackoff jitters by itself
                    .whenException(failure -> failure instanceof MoveApiException.Transient t && t.outcome().worthRetrying
                            && t.retryAfter().map(wait -> wait.compareTo(maxWait) <= 0).orElse(true))
                    .withCustomBackoff().strategy(RetryAfterBackoff::new).done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(settings.breaker().window())
                    .failureRatio(settings.breaker().failureRatio())
                    .delay(breakerDelay.toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(SUCCESSES_TO_CLOSE)
                    // Anything else counts as a success, a call the limit refused too: that only dilutes the ratio.
                    .when(failure -> failure instanceof MoveApiException.Transient t && t.outcome().countsTowardBreaker)
                    .onStateChange(this::breakerChanged)
                    .done()
                .build();

        Tags project = Tags.of("project", Integer.toString(projectId));
        Gauge.builder("move.api.limit", limiter, ProjectLimiter::limit).tags(project)
                .description("Calls this project may have at MOVE at once").register(registry);
        Gauge.builder("move.api.breaker.state", breakerState, AtomicInteger::get).tags(project)
                .description("Circuit breaker of this project: 0 closed, 1 open, 2 half-open").register(registry);
        for (CallOutcome outcome : CallOutcome.values()) {
            calls.put(outcome, Counter.builder("move.api.calls").tags(project.and("outcome", outcome.tag))
                    .description("Attempts at MOVE calls by how they ended; refused ones were not sent").register(registry));
        }
        latency = Timer.builder("move.api.call").tags(project).description("One attempt's HTTP exchange with MOVE")
                .register(registry);
    }

    /** {@code attempt}'s answer, retried and guarded; an open breaker fails it at once. */
    MoveAnswer<byte[]> call(Supplier<MoveAnswer<byte[]>> attempt) {
        try {
            return guard.get(() -> withinLimit(attempt));
        } catch (CircuitBreakerOpenException e) {
            calls.get(CallOutcome.REFUSED).increment();
            throw new MoveApiException.Transient("circuit breaker of project " + projectId + " is open",
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

    private MoveAnswer<byte[]> withinLimit(Supplier<MoveAnswer<byte[]>> attempt) {
        Limiter.Listener slot;
        try {
            slot = limiter.acquire();
        } catch (MoveApiException.Transient refused) {
            calls.get(CallOutcome.REFUSED).increment();
            throw refused;
        }
        long started = System.nanoTime();
        CallOutcome outcome = null; // stays null for an exception that is no answer of MOVE's: nothing to learn from it
        try {
            MoveAnswer<byte[]> answer = attempt.get();
            outcome = CallOutcome.OK;
            return answer;
        } catch (MoveApiException failure) {
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
