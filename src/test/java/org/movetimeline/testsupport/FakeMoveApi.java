package org.movetimeline.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for MOVE's backend (the one part of the system that is not ours): POST /v20/timeline/batch
 * and GET /v20/timeline/{startTs}/points as docs/DESIGN.md reads the documentation, Basic auth per project,
 * and scripted failures (429 with Retry-After, 500s) so tests can show what the service does with them.
 */
public final class FakeMoveApi {

    /** API keys the test profile's MOVE_API_CREDENTIALS names. */
    public static final Map<Integer, String> API_KEYS = Map.of(1000, "key-1000", 1001, "key-1001", 1002, "key-1002",
            1003, "key-1003", 1004, "key-1004", 1005, "key-1005", 1006, "key-1006", 1007, "key-1007", 1008, "key-1008", 1009, "key-1009");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static FakeMoveApi instance;

    private final HttpServer server;
    /** Items as the JSON text MOVE answers with, so a test can send bytes no ObjectNode would write. */
    private final Map<String, String> items = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> points = new ConcurrentHashMap<>();
    private final Map<Integer, Queue<Integer>> scriptedStatuses = new ConcurrentHashMap<>();
    private final Set<Integer> alwaysFailing = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> retryAfterSeconds = new ConcurrentHashMap<>();
    private final Map<Integer, Duration> latency = new ConcurrentHashMap<>();
    private final List<BatchCall> calls = new CopyOnWriteArrayList<>();
    private volatile Duration pointsLatency = Duration.ZERO;

    /** One batch request as it reached MOVE: the project it authenticated as, the keys it asked for, the answer. */
    public record BatchCall(int projectId, List<JsonNode> keys, int status, Instant received) {
    }

    private FakeMoveApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/v20/timeline/", this::handle);
        server.start();
    }

    public static synchronized FakeMoveApi shared() {
        if (instance == null) {
            try {
                instance = new FakeMoveApi();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A full MOVE timeline item with trip features and one feature kind no code knows. */
    public static ObjectNode tripItem(int projectId, String userId, Instant start, String type) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("projectId", projectId).put("userId", userId).put("startTs", start.toString())
                .put("endTs", start.plusSeconds(900).toString()).put("type", type);
        ObjectNode features = item.putObject("features");
        features.putObject("startLocation").put("latitude", 48.2082).put("longitude", 16.3738).put("timeZone", "Europe/Vienna");
        features.putObject("endLocation").put("latitude", 48.1900).put("longitude", 16.4200).put("timeZone", "Europe/Vienna");
        features.putObject("gpsStats").put("distance", 5230.5).put("averageSpeed", 21.0);
        features.putObject("transport").put("type", type).putObject("probabilities").put(type, 0.93);
        return item;
    }

    public void put(ObjectNode item) {
        putRaw(item.get("projectId").asInt(), item.get("userId").asText(), Instant.parse(item.get("startTs").asText()),
                item.toString());
    }

    /** The item MOVE answers for the key (projectId, userId, start), exactly as {@code json}, whatever that says. */
    public void putRaw(int projectId, String userId, Instant start, String json) {
        items.put(key(projectId, userId, start), json);
    }

    /** Every points call answers only after this long. */
    public void pointsLatency(Duration latency) {
        pointsLatency = latency;
    }

    public void putPoints(int projectId, String userId, Instant start, ArrayNode gps) {
        points.put(key(projectId, userId, start), gps);
    }

    /** The next batch calls of {@code projectId} answer these statuses, in order (429 with {@link #retryAfter}). */
    public void failNext(int projectId, Integer... statuses) {
        scriptedStatuses.computeIfAbsent(projectId, p -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    public void failAlways(int projectId) {
        alwaysFailing.add(projectId);
    }

    public void recover(int projectId) {
        alwaysFailing.remove(projectId);
    }

    /** The Retry-After that 429 answers to {@code projectId} carry; 1 second unless set. */
    public void retryAfter(int projectId, int seconds) {
        retryAfterSeconds.put(projectId, seconds);
    }

    /** Every batch call of {@code projectId} takes this long to answer. */
    public void latency(int projectId, Duration delay) {
        latency.put(projectId, delay);
    }

    public List<BatchCall> calls(int projectId) {
        return calls.stream().filter(c -> c.projectId() == projectId).toList();
    }

    private static String key(int projectId, String userId, Instant start) {
        return projectId + "|" + userId + "|" + start;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Integer project = authenticatedProject(exchange.getRequestHeaders().getFirst("Authorization"));
            if (project == null) {
                reply(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v20/timeline/batch") && exchange.getRequestMethod().equals("POST")) {
                batch(exchange, project);
            } else if (path.endsWith("/points") && exchange.getRequestMethod().equals("GET")) {
                points(exchange, project, path);
            } else {
                reply(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void batch(HttpExchange exchange, int project) throws IOException {
        JsonNode keys = MAPPER.readTree(exchange.getRequestBody());
        List<JsonNode> asked = new java.util.ArrayList<>();
        if (keys != null) {
            keys.forEach(asked::add);
        }
        Queue<Integer> script = scriptedStatuses.get(project);
        Integer scripted = script == null ? null : script.poll();
        int status = alwaysFailing.contains(project) ? 500 : scripted != null ? scripted : 200;
        calls.add(new BatchCall(project, asked, status, Instant.now()));
        sleep(latency.getOrDefault(project, Duration.ZERO));
        if (keys == null || !keys.isArray()) {
            reply(exchange, 400, "{\"error\":\"body must be a JSON array of keys\"}");
        } else if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds.getOrDefault(project, 1)));
            reply(exchange, 429, "{\"error\":\"too many requests\"}");
        } else if (status != 200) {
            reply(exchange, status, "{\"error\":\"scripted failure\"}");
        } else {
            StringJoiner answer = new StringJoiner(",", "[", "]");
            for (JsonNode k : asked) {
                if (k.path("projectId").asInt() != project) {
                    reply(exchange, 403, "{\"error\":\"key of another project\"}");
                    return;
                }
                String item = items.get(key(project, k.path("userId").asText(), Instant.parse(k.path("startTs").asText())));
                if (item != null) {
                    answer.add(item);
                }
            }
            reply(exchange, 200, answer.toString());
        }
    }

    private void points(HttpExchange exchange, int project, String path) throws IOException {
        sleep(pointsLatency);
        long startSeconds = Long.parseLong(path.substring("/v20/timeline/".length(), path.length() - "/points".length()));
        Map<String, String> query = new ConcurrentHashMap<>();
        for (String pair : exchange.getRequestURI().getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String key = key(Integer.parseInt(query.get("projectId")), query.get("userId"), Instant.ofEpochSecond(startSeconds));
        if (Integer.parseInt(query.get("projectId")) != project || !items.containsKey(key)) {
            reply(exchange, 404, "{\"error\":\"no such item\"}");
        } else {
            reply(exchange, 200, points.getOrDefault(key, MAPPER.createArrayNode()).toString());
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Integer authenticatedProject(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String[] pair = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        try {
            int project = Integer.parseInt(pair[0]);
            return pair.length == 2 && pair[1].equals(API_KEYS.get(project)) ? project : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
