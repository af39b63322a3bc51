package org.movetimeline.simulator.sentiance;

import com.sun.net.httpserver.HttpHandler;
import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.FailureInjector;
import org.movetimeline.simulator.SimulatorSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator playing Sentiance (SIM_SOURCES contains {@code sentiance}): the REST v3 API, served on the
 * simulator's port under {@code /v3/users/}, and, when SIM_SENTIANCE_FIREHOSE_URL is set, the Firehose sender;
 * both share one {@link SentianceEvents}.
 */
public final class SentianceSource implements AutoCloseable {

    private final SimulatorSettings settings;
    private final SentianceEvents events = new SentianceEvents();
    private final ApiStats apiStats = new ApiStats();
    private final SentianceApiHandler handler;
    private FirehoseSender sender;

    public SentianceSource(SimulatorSettings settings) {
        this.settings = settings;
        SentianceSettings s = settings.sentiance();
        List<FailureInjector.Share> shares = new ArrayList<>();
        s.failRatios().forEach((status, ratio) -> shares.add(new FailureInjector.Share(status, ratio)));
        this.handler = new SentianceApiHandler(s.apiKeys(), events, new Trajectories(settings.seed()),
                new FailureInjector(shares, Set.of(), settings.latencyMs(), settings.latencyJitterMs(),
                        settings.seed()), apiStats);
    }

    /** The API's path prefix and handler, for {@link org.movetimeline.simulator.SimulatorServer}. */
    public String path() {
        return SentianceApiHandler.PATH;
    }

    public HttpHandler handler() {
        return handler;
    }

    /** Starts the Firehose sender if SIM_SENTIANCE_FIREHOSE_URL is set; call once the API is up. */
    public void startSender() {
        if (settings.sentiance().senderEnabled()) {
            sender = FirehoseSender.start(settings.sentiance(), settings.seed(), settings.epoch(), events);
        }
    }

    public SentianceEvents events() {
        return events;
    }

    public ApiStats.Snapshot apiStats() {
        return apiStats.snapshot();
    }

    public Optional<FirehoseSender> sender() {
        return Optional.ofNullable(sender);
    }

    /** For the progress line: the sender's counts (if it runs), then the API's. */
    public String line() {
        String api = "sentiance " + apiStats.snapshot().line() + " events=" + events.size();
        return sender == null ? api : sender.stats().line() + " | " + api;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
        }
    }
}
