package org.movetimeline.simulator;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes the simulated API as unreliable as configured (SIM_FAIL_429_RATIO, SIM_FAIL_500_RATIO,
 * SIM_FAIL_ALL_500_PROJECTS, SIM_LATENCY_MS, SIM_LATENCY_JITTER_MS), so the service's retries, Retry-After handling,
 * timeouts and circuit breaker can be exercised locally. Each call is an independent draw:
 * 429 with probability fail429Ratio, else 500 with probability fail500Ratio. A project listed in
 * failAll500Projects gets 500 every time, so one project's outage can be staged beside healthy ones.
 */
final class FailureInjector {

    enum Outcome { NONE, TOO_MANY_REQUESTS, SERVER_ERROR }

    private final double fail429Ratio;
    private final double fail500Ratio;
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
        this.fail429Ratio = fail429Ratio;
        this.failAll500Projects = Set.copyOf(failAll500Projects);
        this.fail500Ratio = fail500Ratio;
        this.latencyMs = latencyMs;
        this.latencyJitterMs = latencyJitterMs;
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    static FailureInjector of(SimulatorSettings s) {
        return new FailureInjector(s.fail429Ratio(), s.fail500Ratio(), s.failAll500Projects(), s.latencyMs(),
                s.latencyJitterMs(), s.seed());
    }

    /** Sleeps the configured latency (fixed part plus uniform jitter). */
    void delay() throws InterruptedException {
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
        if (fail429Ratio == 0 && fail500Ratio == 0) {
            return Outcome.NONE;
        }
        double r = random.nextDouble();
        if (r < fail429Ratio) {
            return Outcome.TOO_MANY_REQUESTS;
        }
        return r < fail429Ratio + fail500Ratio ? Outcome.SERVER_ERROR : Outcome.NONE;
    }
}
