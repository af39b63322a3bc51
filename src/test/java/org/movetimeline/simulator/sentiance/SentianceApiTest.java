package org.movetimeline.simulator.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movetimeline.simulator.MoveSimulator;
import org.movetimeline.simulator.SimulatorSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentianceApiTest {

    private static final String KEY_A = "Bearer key-a";
    private static final String KEY_B = "Bearer key-b";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static MoveSimulator simulator;
    /** The transport messages' data the feed produced for app-a, as the Firehose would have sent them. */
    private static final List<JsonNode> transports = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        simulator = start(Map.of());
        FirehoseFeed feed = new FirehoseFeed(7, simulator.settings().epoch(), "app-a", 5, 0.5,
                simulator.sentiance().orElseThrow().events());
        for (int i = 0; i < 300; i++) {
            SentianceWire.Message m = feed.next();
            if (m.meta().messageType().equals("transport")) {
                transports.add(SentianceWire.MAPPER.valueToTree(m.data()));
            }
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static MoveSimulator start(Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("SIM_HOST", "127.0.0.1", "SIM_PORT", "0", "SIM_THREADS", "4",
                "SIM_SOURCES", "sentiance", "SIM_SENTIANCE_API_KEYS", "app-a:key-a,app-b:key-b"));
        env.putAll(extra);
        return MoveSimulator.start(SimulatorSettings.fromEnvironment(env));
    }

    @Test
    void wrongOrMissingKeyIs401WithSentiancesErrorBody() throws Exception {
        JsonNode car = first("car");
        for (String auth : new String[] {null, "Bearer wrong", "Bearer key-a-and-more", "Basic a2V5LWE=", "key-a"}) {
            HttpResponse<String> r = get(simulator, eventPath(car, ""), auth);
            assertEquals(401, r.statusCode(), String.valueOf(auth));
            JsonNode body = json(r);
            assertTrue(body.path("message").isTextual(), r.body());
            assertTrue(body.path("ref").asText().matches("[0-9a-f-]{36}"), r.body());
        }
        assertEquals(200, get(simulator, eventPath(car, ""), KEY_A).statusCode());
    }

    @Test
    void theFourEndpointsHaveSentiancesShapes() throws Exception {
        JsonNode car = first("car");
        JsonNode events = json(get(simulator, eventPath(car, ""), KEY_A));
        assertTrue(events.isArray(), events.toString());
        assertEquals(1, events.size());
        JsonNode event = events.get(0);
        assertEquals(List.of("type", "start", "end", "analysis_type", "event_id", "mode", "distance", "behavior_features"),
                fieldNames(event));
        assertEquals("Transport", event.get("type").asText());
        assertEquals(car.get("event_id"), event.get("event_id"));
        assertEquals(car.get("end"), event.get("end"));
        assertEquals(car.get("distance").asLong(), event.get("distance").asLong());
        assertTrue(event.get("behavior_features").has("phone_handling"));
        OffsetDateTime.parse(event.get("start").asText()); // ISO 8601 with offset

        JsonNode trajectory = json(get(simulator, eventPath(car, "/trajectory"), KEY_A));
        assertEquals(List.of("waypoints", "encoded"), fieldNames(trajectory));
        JsonNode first = trajectory.get("waypoints").get(0);
        assertEquals(List.of("type", "latitude", "longitude", "timestamp", "road_type", "speed", "distance", "speed_limit"),
                fieldNames(first));
        assertEquals(car.get("start_location").get("latitude").asDouble(), first.get("latitude").asDouble(), 1e-9);
        assertTrue(trajectory.get("waypoints").size() >= 2);
        assertFalse(trajectory.get("encoded").asText().isEmpty());

        JsonNode scores = json(get(simulator, eventPath(car, "/behavior_scores"), KEY_A));
        assertEquals(List.of("type", "overall", "smooth", "legal", "anticipative", "focus", "mounted", "hard_accel",
                "hard_brake", "hard_events", "hard_turn", "legal_v2", "smooth_v2", "anticipative_v2"), fieldNames(scores));
        assertEquals("CarBehaviorScores", scores.get("type").asText());
        assertEquals(car.get("behavior_scores").get("overall").asDouble(), scores.get("overall").asDouble());

        JsonNode annotations = json(get(simulator, eventPath(car, "/behavior_annotations"), KEY_A));
        assertEquals("BoundaryBehaviorAnnotation", annotations.get(0).get("type").asText());

        JsonNode walk = first("walking");
        assertFalse(json(get(simulator, eventPath(walk, ""), KEY_A)).get(0).has("behavior_features"));
        assertEquals(404, get(simulator, eventPath(walk, "/behavior_scores"), KEY_A).statusCode());
        assertEquals("[]", get(simulator, eventPath(walk, "/behavior_annotations"), KEY_A).body());
    }

    @Test
    void unknownEventsAndOtherAppsEventsAre404() throws Exception {
        JsonNode car = first("car");
        String user = car.get("user_id").asText();
        for (String path : List.of("/v3/users/" + user + "/events/nope", "/v3/users/someone/events/" + car.get("event_id").asText(),
                "/v3/users/" + user + "/events/nope/trajectory", eventPath(car, "/unknown"))) {
            HttpResponse<String> r = get(simulator, path, KEY_A);
            assertEquals(404, r.statusCode(), path);
            assertTrue(json(r).has("ref"));
        }
        // The key of app-b is valid, but this event is app-a's.
        assertEquals(404, get(simulator, eventPath(car, ""), KEY_B).statusCode());
    }

    @Test
    void someCarScoresAreMinusOne() throws Exception {
        int minusOnes = 0;
        int cars = 0;
        for (JsonNode t : transports) {
            if (t.get("mode").asText().equals("car")) {
                cars++;
                JsonNode scores = json(get(simulator, eventPath(t, "/behavior_scores"), KEY_A));
                for (JsonNode v : scores) {
                    if (v.isNumber() && v.asDouble() == -1) {
                        minusOnes++;
                    }
                }
            }
        }
        assertTrue(cars >= 5, "cars: " + cars);
        assertTrue(minusOnes > 0);
    }

    @Test
    void aRefinedEventChangesStartAndModeAfterTheFirstFetch() throws Exception {
        int refined = 0;
        int unchanged = 0;
        for (JsonNode t : transports) {
            JsonNode first = json(get(simulator, eventPath(t, ""), KEY_A)).get(0);
            JsonNode second = json(get(simulator, eventPath(t, ""), KEY_A)).get(0);
            // The first fetch always agrees with the Firehose message.
            assertEquals(t.get("start"), first.get("start"));
            assertEquals(t.get("mode"), first.get("mode"));
            if (first.get("analysis_type").asText().equals("preliminary")) {
                refined++;
                assertTrue(OffsetDateTime.parse(second.get("start").asText())
                        .isBefore(OffsetDateTime.parse(first.get("start").asText())), second.toString());
                assertNotEquals(first.get("mode"), second.get("mode"));
                assertEquals("indepth", second.get("analysis_type").asText());
                assertEquals(second, json(get(simulator, eventPath(t, ""), KEY_A)).get(0)); // then it stays
            } else {
                unchanged++;
                assertEquals(first, second);
            }
        }
        assertTrue(refined > 0 && unchanged > 0, refined + " refined, " + unchanged + " unchanged");
    }

    @Test
    void scriptedFailuresByShare() throws Exception {
        JsonNode car = first("car");
        try (MoveSimulator failing = start(Map.of("SIM_SENTIANCE_FAIL_429_RATIO", "1"))) {
            HttpResponse<String> r = get(failing, eventPath(car, ""), KEY_A);
            assertEquals(429, r.statusCode());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
            assertTrue(json(r).has("message") && json(r).has("ref"));
            // Auth comes first: a wrong key is 401 even then.
            assertEquals(401, get(failing, eventPath(car, ""), "Bearer wrong").statusCode());
        }
        try (MoveSimulator mixed = start(Map.of("SIM_SENTIANCE_FAIL_401_RATIO", "0.1", "SIM_SENTIANCE_FAIL_403_RATIO", "0.1",
                "SIM_SENTIANCE_FAIL_404_RATIO", "0.1", "SIM_SENTIANCE_FAIL_429_RATIO", "0.1", "SIM_SENTIANCE_FAIL_500_RATIO", "0.1"))) {
            Map<Integer, Integer> statuses = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                statuses.merge(get(mixed, "/v3/users/u/events/e", KEY_A).statusCode(), 1, Integer::sum);
            }
            for (int status : new int[] {401, 403, 429, 500}) {
                // 300 draws at 10%: ~30 each; below 10 would be a broken share.
                assertTrue(statuses.getOrDefault(status, 0) >= 10, statuses.toString());
            }
            assertEquals(300, statuses.values().stream().mapToInt(Integer::intValue).sum());
            assertEquals(mixed.sentiance().orElseThrow().apiStats().requests(), 300);
        }
    }

    private static JsonNode first(String mode) {
        return transports.stream().filter(t -> t.get("mode").asText().equals(mode)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + mode + " transport"));
    }

    private static String eventPath(JsonNode transport, String part) {
        return "/v3/users/" + transport.get("user_id").asText() + "/events/" + transport.get("event_id").asText() + part;
    }

    static HttpResponse<String> get(MoveSimulator sim, String path, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return SentianceWire.MAPPER.readTree(r.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
