package org.movetimeline.simulator;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes a simulated API as unreliable as configured, so the service's retries, Retry-After handling, timeouts and
 * circuit breaker can be exercised locally. Each call is an independent draw over the scripted shares, in order
 * (MOVE: 429 with SIM_FAIL_429_RATIO, else 500 with SIM_FAIL_500_RATIO; Sentiance: its SIM_SENTIANCE_FAIL_*
 * shares), plus SIM_LATENCY_MS and SIM_LATENCY_JITTER_MS. A MOVE project listed in failAll500Projects gets 500
 * every time, so one project's outage can be staged beside healthy ones.
 */
public final class FailureInjector {

    /** MOVE's view of a draw: its API only scripts 429 and 500. */
    enum Outcome { NONE, TOO_MANY_REQUESTS, SERVER_ERROR }

    /** Answer {@code status} to a share {@code ratio} of the calls. */
    public record Share(int status, double ratio) {
    }

    private final List<Share> shares;
    private final boolean any;
    private final Set<Integer> failAll500Projects;
    private final long latencyMs;
    private final long latencyJitterMs;
    /** Seeded so a sequential run sees the same failures each time; thread-safe. */
    private final Random random;

    FailureInjector(double fail429Ratio, double fail500Ratio, long latencyMs, long latencyJitterMs, long seed) {
        this(fail429Ratio, fail500Ratio, Set.of(), latencyMs, latencyJitterMs, seed);
    }

    FailureInjector(double fail429Ratio, double fail500Ratio, Set<Integer> failAll500Projects, long latencyMs,
                    long latencyJitterMs, long seed) {
        this(List.of(new Share(429, fail429Ratio), new Share(500, fail500Ratio)), failAll500Projects, latencyMs,
                latencyJitterMs, seed);
    }

    public FailureInjector(List<Share> shares, Set<Integer> failAll500Projects, long latencyMs, long latencyJitterMs,
                           long seed) {
        this.shares = List.copyOf(shares);
        this.any = this.shares.stream().anyMatch(s -> s.ratio() > 0);
        this.failAll500Projects = Set.copyOf(failAll500Projects);
        this.latencyMs = latencyMs;
        this.latencyJitterMs = latencyJitterMs;
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    static FailureInjector of(SimulatorSettings s) {
        return new FailureInjector(s.fail429Ratio(), s.fail500Ratio(), s.failAll500Projects(), s.latencyMs(),
                s.latencyJitterMs(), s.seed());
    }

    /** Sleeps the configured latency (fixed part plus uniform jitter). */
    public void delay() throws InterruptedException {
        long millis = latencyMs + (latencyJitterMs > 0 ? (long) (random.nextDouble() * (latencyJitterMs + 1)) : 0);
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }

    /**
     * The outcome of one call of {@code projectId}. A failing project's calls draw nothing, so the other
     * projects' sequence stays as seeded.
     */
    Outcome next(int projectId) {
        return failAll500Projects.contains(projectId) ? Outcome.SERVER_ERROR : next();
    }

    Outcome next() {
        return switch (status()) {
            case 0 -> Outcome.NONE;
            case 429 -> Outcome.TOO_MANY_REQUESTS;
            default -> Outcome.SERVER_ERROR;
        };
    }

    /** The status one call is to fail with, or 0: answer it normally. Draws nothing when no share is set. */
    public int status() {
        if (!any) {
            return 0;
        }
        double r = random.nextDouble();
        double bound = 0;
        for (Share share : shares) {
            bound += share.ratio();
            if (r < bound) {
                return share.status();
            }
        }
        return 0;
    }
}
