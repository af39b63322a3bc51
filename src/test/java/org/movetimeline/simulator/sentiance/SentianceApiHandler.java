package org.movetimeline.simulator.sentiance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.FailureInjector;
import org.movetimeline.simulator.Log;
import org.movetimeline.simulator.SimulatorServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sentiance's REST v3 event endpoints (docs/DESIGN.md, "Second source: Sentiance"), over the transports the
 * Firehose sender announced ({@link SentianceEvents}):
 * <ul>
 * <li>{@code GET /v3/users/{user_id}/events/{event_id}}: an array of one Transport; a refined event answers its
 *     preliminary analysis to the first fetch and the refined start and mode to every later one.</li>
 * <li>{@code .../trajectory}: {@code {"waypoints":[...],"encoded":"..."}}.</li>
 * <li>{@code .../behavior_scores}: CarBehaviorScores (cars only, else 404), some scores -1.</li>
 * <li>{@code .../behavior_annotations}: an array of annotations ({@code []} for non-cars).</li>
 * </ul>
 * Bearer auth with an app's API key (401 otherwise); an event of another app or user, or unknown, is 404.
 * Latency and scripted failures (SIM_SENTIANCE_FAIL_*) come after auth, as MOVE's do. Errors have Sentiance's
 * body {@code {"message":...,"ref":...}}.
 */
final class SentianceApiHandler implements HttpHandler {

    static final String PATH = "/v3/users/";

    private final Map<String, String> apiKeys;
    private final SentianceEvents events;
    private final Trajectories trajectories;
    private final FailureInjector failures;
    private final ApiStats stats;

    SentianceApiHandler(Map<String, String> apiKeys, SentianceEvents events, Trajectories trajectories,
                        FailureInjector failures, ApiStats stats) {
        this.apiKeys = Map.copyOf(apiKeys);
        this.events = events;
        this.trajectories = trajectories;
        this.failures = failures;
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (e.g. its timeout hit our injected latency); nothing to answer.
        } catch (RuntimeException e) {
            Log.error("Failed answering " + exchange.getRequestURI(), e);
            try {
                error(exchange, 500, "simulator error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be out; the exchange is closed anyway.
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException, InterruptedException {
        failures.delay();
        Optional<String> app = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (app.isEmpty()) {
            error(exchange, 401, "Unauthorized: a valid API key is required (Authorization: Bearer <key>).");
            return;
        }
        int failure = failures.status();
        if (failure != 0) {
            if (failure == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            error(exchange, failure, switch (failure) {
                case 401 -> "Unauthorized (simulated).";
                case 403 -> "Forbidden: the API key lacks scope user.read (simulated).";
                case 404 -> "Event not found (simulated).";
                case 429 -> "Too many requests (simulated).";
                default -> "Internal server error (simulated).";
            });
            return;
        }
        // users/{user}/events/{event}[/{part}]
        String[] s = exchange.getRequestURI().getRawPath().substring(PATH.length()).split("/", -1);
        if (s.length < 3 || s.length > 4 || !s[1].equals("events") || s[0].isEmpty() || s[2].isEmpty()) {
            error(exchange, 404, "No such endpoint.");
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            error(exchange, 405, "Use GET.");
            return;
        }
        String part = s.length == 4 ? s[3] : "";
        stats.keysRequested(1);
        if (part.isEmpty()) {
            Optional<SentianceEvents.Fetched> fetched = events.fetch(app.get(), s[0], s[2]);
            if (fetched.isEmpty()) {
                notFound(exchange, s);
            } else {
                send(exchange, 200, SentianceWire.write(List.of(event(fetched.get()))));
            }
            return;
        }
        Optional<SimTransport> found = events.find(app.get(), s[0], s[2]);
        if (found.isEmpty()) {
            notFound(exchange, s);
            return;
        }
        SimTransport t = found.get();
        switch (part) {
            case "trajectory" -> {
                SentianceWire.Trajectory trajectory = trajectories.of(t);
                stats.pointsReturned(trajectory.waypoints().size());
                send(exchange, 200, SentianceWire.write(trajectory));
            }
            case "behavior_scores" -> {
                if (t.scores().isEmpty()) {
                    error(exchange, 404, "No behavior scores for event " + t.eventId() + " (not a car trip).");
                } else {
                    send(exchange, 200, SentianceWire.write(t.scores().get().typed("CarBehaviorScores")));
                }
            }
            case "behavior_annotations" -> send(exchange, 200, SentianceWire.write(trajectories.annotations(t)));
            default -> error(exchange, 404, "No such endpoint.");
        }
    }

    /** A refined event answers the preliminary analysis (as announced) to its first fetch, the refined one after. */
    private static SentianceWire.TransportEvent event(SentianceEvents.Fetched fetched) {
        SimTransport t = fetched.transport();
        boolean preliminary = t.refined().isPresent() && fetched.fetch() == 1;
        boolean refined = t.refined().isPresent() && !preliminary;
        SentianceWire.BehaviorFeatures features = t.scores().isEmpty() ? null
                : new SentianceWire.BehaviorFeatures(Math.floorMod(t.eventId().hashCode(), 600_000),
                Math.round(t.distance() * 0.9));
        return new SentianceWire.TransportEvent("Transport",
                SimTransport.time(refined ? t.refined().get().start() : t.start()), SimTransport.time(t.end()),
                preliminary ? "preliminary" : "indepth", t.eventId(),
                refined ? t.refined().get().mode() : t.mode(), t.distance(), features);
    }

    private void notFound(HttpExchange exchange, String[] segments) throws IOException {
        error(exchange, 404, "Event " + segments[2] + " of user " + segments[0] + " not found.");
    }

    /** The app whose key this is; constant-time comparison against every key, as a reference for the real check. */
    private Optional<String> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> e : apiKeys.entrySet()) {
            if (MessageDigest.isEqual(e.getValue().getBytes(StandardCharsets.UTF_8), given)) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, SentianceWire.write(new SentianceWire.Error(message, UUID.randomUUID().toString())));
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        stats.request(status);
        if (status == 200) {
            stats.itemsReturned(1);
        }
        SimulatorServer.respond(exchange, status, body);
    }
}
