package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One role of the service as Kubernetes would keep it running: started again when its process ends, and killed and
 * started again when its liveness check fails {@code livenessFailures} times in a row, checked every
 * {@link #LIVENESS_PERIOD} (the probes of k8s/base). The chaos soak kills it on purpose with {@link #kill}; those
 * restarts are the soak's, the others are counted here. Every incarnation appends to the same log, after a line
 * saying which one it is.
 */
final class SupervisedService implements AutoCloseable {

    static final Duration LIVENESS_PERIOD = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;
    private static final Duration START_RETRY = Duration.ofSeconds(3);

    private final ServiceProcess.Launch launch;
    private final int livenessFailures;
    private ServiceProcess current;
    private int starts;
    private int livenessRestarts;
    private int unexpectedExits;
    private int failedChecks;
    private long nextCheck;

    SupervisedService(ServiceProcess.Launch launch, int livenessFailures) {
        this.launch = launch;
        this.livenessFailures = livenessFailures;
    }

    String role() {
        return launch.role();
    }

    int port() {
        return launch.httpPort();
    }

    int livenessRestarts() {
        return livenessRestarts;
    }

    int unexpectedExits() {
        return unexpectedExits;
    }

    /** Starts a new process and returns once it is ready; tries again a few times if one exits during start-up. */
    void start() throws IOException, InterruptedException {
        // A stranger's service answering on our port would pass our readiness check: refuse, do not retry.
        LocalPorts.requireFree(launch.httpPort(), launch.role() + " HTTP port");
        LocalPorts.requireFree(launch.managementPort(), launch.role() + " management port");
        for (int attempt = 1; ; attempt++) {
            starts++;
            Files.writeString(launch.log(), "---- chaos: " + launch.role() + " process #" + starts + ", started "
                    + Instant.now() + " ----\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            try {
                current = ServiceProcess.start(launch);
                // bench/chaos stops a process by this file if the driver itself is killed.
                Files.writeString(pidFile(), current.pid() + "\n");
                failedChecks = 0;
                nextCheck = System.nanoTime() + LIVENESS_PERIOD.toNanos();
                return;
            } catch (IllegalStateException failed) {
                current = null;
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(launch.role() + " did not start in " + START_ATTEMPTS + " attempts: "
                            + failed.getMessage(), failed);
                }
                Console.say(launch.role() + " did not start (attempt " + attempt + "), trying again in "
                        + START_RETRY.toSeconds() + " s: " + failed.getMessage().lines().findFirst().orElse(""));
                Thread.sleep(START_RETRY.toMillis());
            }
        }
    }

    /** kill -9 of the running process; returns its pid. */
    long kill() {
        ServiceProcess process = current;
        if (process == null) {
            throw new IllegalStateException(launch.role() + " is not running");
        }
        long pid = process.pid();
        process.kill();
        current = null;
        return pid;
    }

    Optional<Long> pid() {
        return Optional.ofNullable(current).map(ServiceProcess::pid);
    }

    /**
     * What Kubernetes would do now: start the role again if its process ended or its liveness check failed too often.
     * Call it about once a second; it checks liveness every {@link #LIVENESS_PERIOD}. Returns what it did, if anything.
     */
    Optional<String> supervise() throws IOException, InterruptedException {
        if (current == null || !current.isAlive()) {
            String what = current == null ? launch.role() + " was not running"
                    : launch.role() + " process " + current.pid() + " ended by itself (status " + current.exitValue() + ")";
            if (current != null) {
                current.close(); // releases its shutdown hook
                unexpectedExits++;
            }
            start();
            return Optional.of(what + "; started again");
        }
        if (System.nanoTime() < nextCheck) {
            return Optional.empty();
        }
        nextCheck = System.nanoTime() + LIVENESS_PERIOD.toNanos();
        if (current.healthy("live")) {
            failedChecks = 0;
            return Optional.empty();
        }
        if (++failedChecks < livenessFailures) {
            return Optional.empty();
        }
        long pid = kill();
        livenessRestarts++;
        start();
        return Optional.of(launch.role() + " process " + pid + " failed its liveness check " + livenessFailures
                + " times in a row; killed and started again");
    }

    private Path pidFile() {
        return launch.log().resolveSibling(launch.role() + ".pid");
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // a stale file; bench/chaos checks that the pid is still a service process before using it
        }
    }
}
