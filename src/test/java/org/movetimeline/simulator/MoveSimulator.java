package org.movetimeline.simulator;

import com.sun.net.httpserver.HttpHandler;
import org.movetimeline.simulator.sentiance.SentianceSource;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator of the service's sources (SIM_SOURCES): MOVE's backend API ({@link SimulatorServer}) and, when
 * SIM_NOTIFY_URL is set, its Timeline Notifier ({@link Notifier}), both over the same generated data set
 * ({@link TimelineGenerator}); and Sentiance's REST v3 API on the same port with, when SIM_SENTIANCE_FIREHOSE_URL
 * is set, its Firehose ({@link SentianceSource}). Plain Java, no Quarkus: launch with
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' org.movetimeline.simulator.MoveSimulator
 * </pre>
 * configured by the environment variables of {@link SimulatorSettings}; Ctrl-C stops it cleanly.
 * Tests and benchmarks use {@link #start(SimulatorSettings)} and {@link #close()} in-process.
 */
public final class MoveSimulator implements AutoCloseable {

    private final SimulatorSettings settings;
    private final TimelineGenerator generator;
    private final ApiStats apiStats;
    private final SimulatorServer server;
    private final Notifier notifier;
    private final SentianceSource sentiance;
    private final ProgressLog progress;

    private MoveSimulator(SimulatorSettings settings, TimelineGenerator generator, ApiStats apiStats,
                          SimulatorServer server, Notifier notifier, SentianceSource sentiance) {
        this.settings = settings;
        this.generator = generator;
        this.apiStats = apiStats;
        this.server = server;
        this.notifier = notifier;
        this.sentiance = sentiance;
        this.progress = new ProgressLog(settings.progressInterval(), this::progressLine);
    }

    /** Starts the APIs of SIM_SOURCES and, if configured, the MOVE notifier and the Sentiance Firehose sender. */
    public static MoveSimulator start(SimulatorSettings settings) throws IOException {
        TimelineGenerator generator = TimelineGenerator.of(settings);
        ApiStats apiStats = new ApiStats();
        SentianceSource sentiance = settings.plays("sentiance") ? new SentianceSource(settings) : null;
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        if (settings.plays("move")) {
            routes.put(TimelineApiHandler.PATH, new TimelineApiHandler(generator,
                    new ApiAuthenticator(settings.credentials()), FailureInjector.of(settings), apiStats));
        }
        if (sentiance != null) {
            routes.put(sentiance.path(), sentiance.handler());
        }
        SimulatorServer server = SimulatorServer.start(settings, routes);
        Notifier notifier = null;
        try {
            if (settings.notifierEnabled()) {
                notifier = Notifier.start(settings, generator);
            }
            if (sentiance != null) {
                sentiance.startSender();
            }
        } catch (RuntimeException e) {
            if (notifier != null) {
                notifier.close();
            }
            server.close();
            throw e;
        }
        return new MoveSimulator(settings, generator, apiStats, server, notifier, sentiance);
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

    /** MOVE's API. */
    public ApiStats.Snapshot apiStats() {
        return apiStats.snapshot();
    }

    /** Empty unless SIM_SOURCES names sentiance. */
    public Optional<SentianceSource> sentiance() {
        return Optional.ofNullable(sentiance);
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

    /** Stops the senders first (they may still deliver what is queued or in flight), then the APIs. */
    @Override
    public void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (sentiance != null) {
            sentiance.close();
        }
        progress.close();
        server.close();
    }

    private String progressLine() {
        List<String> parts = new ArrayList<>();
        if (notifier != null) {
            parts.add(notifier.stats().line());
        }
        if (settings.plays("move")) {
            parts.add(apiStats.snapshot().line());
        }
        if (sentiance != null) {
            parts.add(sentiance.line());
        }
        return String.join(" | ", parts);
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
        Log.info("simulator of " + new TreeSet<>(settings.sources()) + " on " + simulator.baseUrl()
                + " (set MOVE_API_BASE_URL / SENTIANCE_API_BASE_URL to it); "
                + (settings.notifierEnabled() ? "notifying " + settings.notifyUrl().get() : "MOVE notifier off") + "; "
                + (settings.plays("sentiance") && settings.sentiance().senderEnabled()
                        ? "Firehose to " + settings.sentiance().firehoseUrl().get() : "Firehose sender off")
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
