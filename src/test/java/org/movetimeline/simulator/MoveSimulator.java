package org.movetimeline.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The MOVE simulator: the backend API ({@link SimulatorServer}) and, when SIM_NOTIFY_URL is set,
 * the Timeline Notifier ({@link Notifier}), both over the same generated data set
 * ({@link TimelineGenerator}). Plain Java, no Quarkus: launch with
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' org.movetimeline.simulator.MoveSimulator
 * </pre>
 * configured by the environment variables of {@link SimulatorSettings}; Ctrl-C stops it cleanly.
 * Tests and benchmarks use {@link #start(SimulatorSettings)} and {@link #close()} in-process.
 */
public final class MoveSimulator implements AutoCloseable {

    private final SimulatorSettings settings;
    private final TimelineGenerator generator;
    private final SimulatorServer server;
    private final Notifier notifier;
    private final ProgressLog progress;

    private MoveSimulator(SimulatorSettings settings, TimelineGenerator generator, SimulatorServer server,
                          Notifier notifier) {
        this.settings = settings;
        this.generator = generator;
        this.server = server;
        this.notifier = notifier;
        this.progress = new ProgressLog(settings.progressInterval(), this::progressLine);
    }

    /** Starts the API and, if configured, the notifier. */
    public static MoveSimulator start(SimulatorSettings settings) throws IOException {
        TimelineGenerator generator = TimelineGenerator.of(settings);
        SimulatorServer server = SimulatorServer.start(settings, generator);
        Notifier notifier = null;
        try {
            if (settings.notifierEnabled()) {
                notifier = Notifier.start(settings, generator);
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new MoveSimulator(settings, generator, server, notifier);
    }

    public int port() {
        return server.port();
    }

    /** {@code http://localhost:<port>}: point MOVE_API_BASE_URL here. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The data set served, e.g. to compute which items a test should expect. */
    public TimelineGenerator generator() {
        return generator;
    }

    public ApiStats.Snapshot apiStats() {
        return server.stats();
    }

    /** Empty when the notifier is off. */
    public Optional<NotifierStats.Snapshot> notifierStats() {
        return notifier().map(Notifier::stats);
    }

    public Optional<Notifier> notifier() {
        return Optional.ofNullable(notifier);
    }

    /** See {@link Notifier#awaitCompletion}; false at once when the notifier is off. */
    public boolean awaitNotifierCompletion(Duration timeout) throws InterruptedException {
        return notifier != null && notifier.awaitCompletion(timeout);
    }

    /** Stops the notifier first (it may still deliver queued batches), then the API. */
    @Override
    public void close() {
        if (notifier != null) {
            notifier.close();
        }
        progress.close();
        server.close();
    }

    private String progressLine() {
        String api = server.stats().line();
        return notifier == null ? api : notifier.stats().line() + " | " + api;
    }

    public static void main(String[] args) throws Exception {
        SimulatorSettings settings;
        try {
            settings = SimulatorSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("MOVE simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        MoveSimulator simulator;
        try {
            simulator = start(settings);
        } catch (IOException e) {
            System.err.println("MOVE simulator: cannot listen on " + settings.host() + ":" + settings.port() + ": " + e);
            System.exit(1);
            return;
        }
        Log.info("MOVE simulator API on " + simulator.baseUrl() + " (set MOVE_API_BASE_URL to it); "
                + (settings.notifierEnabled() ? "notifying " + settings.notifyUrl().get() : "notifier off")
                + "; " + settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("stopping");
            simulator.close();
            Log.info("stopped; " + simulator.progressLine());
            stopped.countDown();
        }, "sim-shutdown"));
        stopped.await();
    }
}
