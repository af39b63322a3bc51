package org.movetimeline.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for Sentiance's REST API v3 as docs/DESIGN.md reads the seed: GET /v3/users/{user}/events/{event} and
 * its /behavior_scores, /trajectory and /behavior_annotations, a Bearer API key per app (the keys of
 * {@link SentianceProfile}; app-revoked's key is refused with 401), and scripted answers per event (429 with
 * Retry-After, 403, 500...) so tests can show what the consumer does with them.
 */
public final class FakeSentianceApi {

    /** API keys the Sentiance profile's SENTIANCE_API_KEYS names. */
    public static final Map<String, String> API_KEYS = Map.of(SentianceProfile.APP_A, "key-a",
            SentianceProfile.APP_B, "key-b", SentianceProfile.APP_REVOKED, "key-revoked");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static FakeSentianceApi instance;

    private final HttpServer server;
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** The calls of one event: the event itself and what hangs below it. */
    public enum Endpoint {
        EVENT(""), BEHAVIOR_SCORES("/behavior_scores"), TRAJECTORY("/trajectory"),
        BEHAVIOR_ANNOTATIONS("/behavior_annotations");

        private final String suffix;

        Endpoint(String suffix) {
            this.suffix = suffix;
        }

        public String path(String userId, String eventId) {
            return "/v3/users/" + userId + "/events/" + eventId + suffix;
        }
    }

    /** A scripted answer: 200 means "answer what is stored" (which is 404 for an event not put yet). */
    public record Answer(int status, Integer retryAfterSeconds) {
        public static Answer ok() {
            return new Answer(200, null);
        }

        public static Answer status(int status) {
            return new Answer(status, null);
        }

        public static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, retryAfterSeconds);
        }
    }

    /** One request as it reached Sentiance: the app its key belongs to (null if none), the path, the answer. */
    public record Request(String appId, String path, int status, Instant received) {
    }

    /** What is stored about one event; the fields change as tests refine it. */
    private static final class Event {
        volatile ObjectNode transport;
        volatile boolean asObject;
        volatile ObjectNode scores;
        volatile ArrayNode waypoints = MAPPER.createArrayNode();
    }

    private FakeSentianceApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/v3/users/", this::handle);
        server.start();
    }

    public static synchronized FakeSentianceApi shared() {
        if (instance == null) {
            try {
                instance = new FakeSentianceApi();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A Transport event as the seed shows one. */
    public static ObjectNode transport(String eventId, String mode, Instant start, Duration duration, double distance) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("type", "Transport").put("start", start.toString()).put("end", start.plus(duration).toString())
                .put("analysis_type", "indepth").put("event_id", eventId).put("mode", mode).put("distance", distance);
        event.putObject("behavior_features").put("phone_handling", 39600).put("distance_during_annotations", distance);
        return event;
    }

    /** CarBehaviorScores as the seed shows them, with one score Sentiance had not enough data for (-1). */
    public static ObjectNode carScores() {
        ObjectNode scores = MAPPER.createObjectNode();
        scores.put("type", "CarBehaviorScores").put("overall", 0.79).put("smooth", 0.79).put("legal", 0.72)
                .put("anticipative", 0.86).put("focus", -1).put("mounted", 0.5).put("hard_accel", 0.9)
                .put("hard_brake", 0.65).put("hard_events", 0.85).put("hard_turn", 0.95).put("legal_v2", 0.79)
                .put("smooth_v2", 0.78).put("anticipative_v2", 0.85);
        return scores;
    }

    /**
     * Stores the event of {@code userId} in {@code appId}, answered as an array of one; a car gets
     * {@link #carScores()} as its behaviour scores until {@link #putScores} says otherwise.
     */
    public void put(String appId, String userId, ObjectNode transport) {
        Event event = events.computeIfAbsent(key(appId, userId, transport.get("event_id").asText()), k -> new Event());
        event.transport = transport.deepCopy();
        if ("car".equals(transport.path("mode").asText())) {
            event.scores = carScores();
        }
    }

    /** From now on the event is answered as the Transport object itself, not an array of one. */
    public void answerAsObject(String appId, String userId, String eventId) {
        stored(appId, userId, eventId).asObject = true;
    }

    public void putScores(String appId, String userId, String eventId, ObjectNode scores) {
        stored(appId, userId, eventId).scores = scores.deepCopy();
    }

    /** The trajectory's waypoints ({@code latitude, longitude, timestamp, ...}); none unless put. */
    public void putTrajectory(String appId, String userId, String eventId, ArrayNode waypoints) {
        stored(appId, userId, eventId).waypoints = waypoints.deepCopy();
    }

    /** Sentiance re-analysed the trip: later fetches see the new start and mode. */
    public void refine(String appId, String userId, String eventId, Instant start, String mode) {
        Event event = stored(appId, userId, eventId);
        ObjectNode refined = event.transport.deepCopy();
        refined.put("start", start.toString()).put("mode", mode);
        event.transport = refined;
    }

    /** The next calls of the event itself answer these, in order; then it answers what is stored. */
    public void script(String appId, String userId, String eventId, Answer... answers) {
        script(appId, userId, eventId, Endpoint.EVENT, answers);
    }

    /** The next calls of {@code endpoint} of the event answer these, in order. */
    public void script(String appId, String userId, String eventId, Endpoint endpoint, Answer... answers) {
        scripts.computeIfAbsent(key(appId, userId, eventId) + endpoint.suffix, k -> new ConcurrentLinkedQueue<>())
                .addAll(List.of(answers));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests asked for {@code path} (e.g. {@code Endpoint.EVENT.path("u1", "e1")}). */
    public long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private Event stored(String appId, String userId, String eventId) {
        Event event = events.get(key(appId, userId, eventId));
        if (event == null) {
            throw new IllegalStateException("put the event " + eventId + " of " + appId + ":" + userId + " first");
        }
        return event;
    }

    private static String key(String appId, String userId, String eventId) {
        return appId + "|" + userId + "|" + eventId;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String app = authenticatedApp(exchange.getRequestHeaders().getFirst("Authorization"));
            if (app == null || app.equals(SentianceProfile.APP_REVOKED)) {
                reply(exchange, app, path, 401, error("Unauthorized: the API key is invalid or expired"));
                return;
            }
            // /v3/users/{user}/events/{event}[/{what}]
            String[] parts = path.split("/");
            if (parts.length < 6 || parts.length > 7 || !parts[4].equals("events") || !exchange.getRequestMethod().equals("GET")) {
                reply(exchange, app, path, 404, error("Not found"));
                return;
            }
            String suffix = parts.length == 7 ? "/" + parts[6] : "";
            String eventKey = key(app, parts[3], parts[5]);
            Queue<Answer> script = scripts.get(eventKey + suffix);
            Answer scripted = script == null ? null : script.poll();
            if (scripted != null && scripted.status() != 200) {
                if (scripted.retryAfterSeconds() != null) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(scripted.retryAfterSeconds()));
                }
                reply(exchange, app, path, scripted.status(), error("Scripted answer " + scripted.status()));
                return;
            }
            Event event = events.get(eventKey);
            String body = event == null ? null : switch (suffix) {
                case "" -> event.asObject ? event.transport.toString() : "[" + event.transport + "]";
                case "/behavior_scores" -> event.scores == null ? null : event.scores.toString();
                case "/trajectory" -> "{\"waypoints\":" + event.waypoints + ",\"encoded\":\"\"}";
                case "/behavior_annotations" -> "[]";
                default -> null;
            };
            if (body == null) {
                reply(exchange, app, path, 404, error("Not found"));
            } else {
                reply(exchange, app, path, 200, body);
            }
        }
    }

    /** Sentiance's error form: a message and a reference for its support. */
    private static String error(String message) {
        return MAPPER.createObjectNode().put("message", message).put("ref", UUID.randomUUID().toString()).toString();
    }

    private static String authenticatedApp(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String key = header.substring("Bearer ".length());
        return API_KEYS.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private void reply(HttpExchange exchange, String app, String path, int status, String body) throws IOException {
        requests.add(new Request(app, path, status, Instant.now()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
