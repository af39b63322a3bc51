package org.movetimeline.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.movetimeline.timeline.TimelineKey;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The MOVE backend endpoints under {@code /v20/timeline} (contract: docs/DESIGN.md, "What MOVE does"):
 * <ul>
 * <li>{@code POST /v20/timeline/batch}, body a JSON array of keys: 200 with the items that exist,
 *     in request order, each once; unknown keys are simply absent. 400 for a malformed body.</li>
 * <li>{@code GET /v20/timeline/{startTs}?projectId=&userId=} (startTs in UNIX seconds): the item, or 404.</li>
 * <li>{@code GET /v20/timeline/{startTs}/points?projectId=&userId=}: the GPS points, {@code []} for
 *     items without GPS (IDLE, WALKING), or 404.</li>
 * </ul>
 * Every call needs Basic auth {@code projectId:apiKey} (401 otherwise) and may only ask for that
 * project's items (403 otherwise). Latency and injected 429/500 answers come first, as a real
 * overloaded backend would answer them.
 */
final class TimelineApiHandler implements HttpHandler {

    static final String PATH = "/v20/timeline";


    private final TimelineGenerator generator;
    private final ApiAuthenticator authenticator;
    private final FailureInjector failures;
    private final ApiStats stats;

    TimelineApiHandler(TimelineGenerator generator, ApiAuthenticator authenticator, FailureInjector failures,
                       ApiStats stats) {
        this.generator = generator;
        this.authenticator = authenticator;
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
                error(exchange, 500, "internal", "simulator error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // Headers may already be out; the exchange is closed anyway.
            }
        }
    }

    private int answer(HttpExchange exchange) throws IOException, InterruptedException {
        failures.delay();
        OptionalInt project = authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (project.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"MOVE\"");
            return error(exchange, 401, "unauthorized", "Basic authentication with projectId:apiKey required");
        }
        switch (failures.next(project.getAsInt())) {
            case TOO_MANY_REQUESTS -> {
                exchange.getResponseHeaders().set("Retry-After", "1");
                return error(exchange, 429, "too_many_requests", "rate limit exceeded (simulated)");
            }
            case SERVER_ERROR -> {
                return error(exchange, 500, "internal", "internal server error (simulated)");
            }
            case NONE -> {
                // answer normally
            }
        }
        String rest = exchange.getRequestURI().getRawPath().substring(PATH.length());
        String method = exchange.getRequestMethod();
        if (rest.equals("/batch")) {
            if (!method.equals("POST")) {
                return notAllowed(exchange, "POST");
            }
            return batch(exchange, project.getAsInt());
        }
        String[] segments = rest.split("/", -1);
        boolean points = segments.length == 3 && segments[2].equals("points");
        if (segments.length < 2 || segments.length > 3 || !segments[0].isEmpty() || (segments.length == 3 && !points)) {
            return error(exchange, 404, "not_found", "no such endpoint");
        }
        if (!method.equals("GET")) {
            return notAllowed(exchange, "GET");
        }
        return single(exchange, project.getAsInt(), segments[1], points);
    }

    private int batch(HttpExchange exchange, int project) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<TimelineKey> keys;
        try {
            keys = BatchRequestParser.parse(body);
        } catch (BatchRequestParser.BadRequestException e) {
            return error(exchange, 400, "bad_request", e.getMessage());
        }
        for (TimelineKey key : keys) {
            if (key.projectId() != project) {
                return error(exchange, 403, "forbidden", "key of project " + key.projectId()
                        + " requested with the credentials of project " + project);
            }
        }
        stats.keysRequested(keys.size());
        List<TimelineItem> items = new ArrayList<>();
        for (TimelineKey key : new LinkedHashSet<>(keys)) {
            generator.find(key).ifPresent(items::add);
        }
        stats.itemsReturned(items.size());
        return send(exchange, 200, Json.write(items));
    }

    private int single(HttpExchange exchange, int project, String startSegment, boolean points) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        long startSeconds;
        int projectId;
        try {
            startSeconds = Long.parseLong(startSegment);
            projectId = Integer.parseInt(query.getOrDefault("projectId", ""));
        } catch (NumberFormatException e) {
            return error(exchange, 400, "bad_request", "startTs must be UNIX seconds and projectId an integer");
        }
        String userId = query.get("userId");
        if (userId == null || userId.isEmpty()) {
            return error(exchange, 400, "bad_request", "query parameter userId is required");
        }
        if (projectId != project) {
            return error(exchange, 403, "forbidden", "project " + projectId
                    + " requested with the credentials of project " + project);
        }
        TimelineKey key = new TimelineKey(projectId, userId, Instant.ofEpochSecond(startSeconds));
        stats.keysRequested(1);
        if (points) {
            Optional<List<GpsPoint>> found = generator.points(key);
            if (found.isEmpty()) {
                return error(exchange, 404, "not_found", "no timeline item " + projectId + "/" + userId + "/" + startSeconds);
            }
            stats.pointsReturned(found.get().size());
            return send(exchange, 200, Json.write(found.get()));
        }
        Optional<TimelineItem> found = generator.find(key);
        if (found.isEmpty()) {
            return error(exchange, 404, "not_found", "no timeline item " + projectId + "/" + userId + "/" + startSeconds);
        }
        stats.itemsReturned(1);
        return send(exchange, 200, Json.write(found.get()));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> result = new HashMap<>();
        if (rawQuery == null) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private int notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        return error(exchange, 405, "method_not_allowed", "use " + allowed);
    }

    private int error(HttpExchange exchange, int status, String code, String message) throws IOException {
        return send(exchange, status, Json.write(Map.of("error", code, "message", message)));
    }

    /** Counts the answer before writing it, so a client never sees an answer the counters miss. */
    private int send(HttpExchange exchange, int status, byte[] body) throws IOException {
        stats.request(status);
        SimulatorServer.respond(exchange, status, body);
        return status;
    }
}
