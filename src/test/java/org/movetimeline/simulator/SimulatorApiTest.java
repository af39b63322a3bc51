package org.movetimeline.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorApiTest {

    private static final String AUTH = SimulatorClient.basic("1000", "key-1000");
    private static final String AUTH_1001 = SimulatorClient.basic("1001", "key-1001");

    private static MoveSimulator simulator;
    private static SimulatorClient client;
    private static TimelineGenerator generator;

    @BeforeAll
    static void start() throws Exception {
        simulator = MoveSimulator.start(SimulatorSettings.fromEnvironment(Map.of(
                "SIM_HOST", "127.0.0.1", "SIM_PORT", "0", "SIM_THREADS", "4",
                "SIM_CREDENTIALS", "1000:key-1000,1001:key-1001", "SIM_USERS_PER_PROJECT", "10")));
        client = new SimulatorClient(simulator.baseUrl());
        generator = simulator.generator();
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void batchReturnsExactlyTheExistingKeysInRequestOrder() throws Exception {
        List<TimelineItem> existing = List.of(generator.item(1000, "u0001", 0), generator.item(1000, "u0002", 3),
                generator.item(1000, "u0010", 12));
        String body = "[" + key(existing.get(0)) + ","
                + "{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":\"2026-01-01T00:00:01Z\"},"
                + key(existing.get(1)) + ","
                + "{\"projectId\":1000,\"userId\":\"nobody\",\"startTs\":\"" + existing.get(1).startTs() + "\"},"
                + "{\"projectId\":1000,\"userId\":\"u0011\",\"startTs\":\"" + existing.get(2).startTs() + "\"},"
                + key(existing.get(2)) + "]";
        HttpResponse<String> response = client.post("/v20/timeline/batch", AUTH, body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        List<String> expected = new ArrayList<>();
        for (TimelineItem item : existing) {
            expected.add(new String(Json.write(item)));
        }
        List<String> actual = new ArrayList<>();
        for (JsonNode item : SimulatorClient.json(response)) {
            actual.add(Json.MAPPER.writeValueAsString(item));
        }
        assertEquals(expected, actual);
        // The answer is the generator's bytes: one batch of one key is exactly the item array.
        assertEquals("[" + expected.get(0) + "]", client.post("/v20/timeline/batch", AUTH, "[" + key(existing.get(0)) + "]").body());
    }

    @Test
    void batchOfOnlyUnknownOrNoKeysIsAnEmptyArray() throws Exception {
        assertEquals("[]", client.post("/v20/timeline/batch", AUTH, "[]").body());
        HttpResponse<String> r = client.post("/v20/timeline/batch", AUTH,
                "[{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":\"2020-10-16T10:13:00Z\"}]");
        assertEquals(200, r.statusCode());
        assertEquals("[]", r.body());
    }

    @Test
    void batchAcceptsOffsetsAndFractionsThatNameTheSameInstant() throws Exception {
        TimelineItem item = generator.item(1000, "u0005", 2);
        Instant start = Instant.parse(item.startTs());
        String withOffset = start.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        HttpResponse<String> r = client.post("/v20/timeline/batch", AUTH,
                "[{\"projectId\":1000,\"userId\":\"u0005\",\"startTs\":\"" + withOffset + "\"}]");
        assertEquals(1, SimulatorClient.json(r).size(), r.body());
    }

    @Test
    void malformedBatchBodiesAre400() throws Exception {
        for (String body : List.of("", "not json", "{\"items\":[]}", "[1,2]",
                "[{\"projectId\":\"1000\",\"userId\":\"u0001\",\"startTs\":\"2026-01-01T00:00:00Z\"}]",
                "[{\"projectId\":1000,\"userId\":\"u0001\"}]",
                "[{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":1767225600}]",
                "[{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":\"yesterday\"}]")) {
            HttpResponse<String> r = client.post("/v20/timeline/batch", AUTH, body);
            assertEquals(400, r.statusCode(), body);
            assertTrue(SimulatorClient.json(r).has("error"), r.body());
        }
    }

    @Test
    void missingOrWrongCredentialsAre401() throws Exception {
        String path = "/v20/timeline/batch";
        for (String auth : new String[] {null, SimulatorClient.basic("1000", "wrong"), SimulatorClient.basic("1002", "key-1000"),
                SimulatorClient.basic("abc", "key-1000"), "Bearer key-1000", "Basic !!!"}) {
            HttpResponse<String> r = client.post(path, auth, "[]");
            assertEquals(401, r.statusCode(), String.valueOf(auth));
            assertEquals("unauthorized", SimulatorClient.json(r).get("error").asText());
        }
        TimelineItem item = generator.item(1000, "u0001", 0);
        long start = Instant.parse(item.startTs()).getEpochSecond();
        assertEquals(401, client.get("/v20/timeline/" + start + "?projectId=1000&userId=u0001", null).statusCode());
        assertEquals(401, client.get("/v20/timeline/" + start + "/points?projectId=1000&userId=u0001",
                SimulatorClient.basic("1000", "key-1001")).statusCode());
    }

    @Test
    void keysOfAnotherProjectAre403() throws Exception {
        TimelineItem item = generator.item(1000, "u0001", 0);
        HttpResponse<String> r = client.post("/v20/timeline/batch", AUTH_1001, "[" + key(item) + "]");
        assertEquals(403, r.statusCode());
        assertEquals("forbidden", SimulatorClient.json(r).get("error").asText());
        long start = Instant.parse(item.startTs()).getEpochSecond();
        assertEquals(403, client.get("/v20/timeline/" + start + "?projectId=1000&userId=u0001", AUTH_1001).statusCode());
        assertEquals(403, client.get("/v20/timeline/" + start + "/points?projectId=1000&userId=u0001", AUTH_1001).statusCode());
        // The other project's own data is served with its own key.
        TimelineItem other = generator.item(1001, "u0001", 0);
        assertEquals(1, SimulatorClient.json(client.post("/v20/timeline/batch", AUTH_1001, "[" + key(other) + "]")).size());
    }

    @Test
    void singleItemByUnixSecondsOr404() throws Exception {
        TimelineItem item = generator.item(1000, "u0003", 4);
        long start = Instant.parse(item.startTs()).getEpochSecond();
        HttpResponse<String> r = client.get("/v20/timeline/" + start + "?projectId=1000&userId=u0003", AUTH);
        assertEquals(200, r.statusCode());
        assertEquals(new String(Json.write(item)), r.body());
        assertEquals(404, client.get("/v20/timeline/" + (start + 1) + "?projectId=1000&userId=u0003", AUTH).statusCode());
        assertEquals(404, client.get("/v20/timeline/" + start + "?projectId=1000&userId=u0004", AUTH).statusCode());
        assertEquals(400, client.get("/v20/timeline/" + start + "?projectId=1000", AUTH).statusCode());
        assertEquals(400, client.get("/v20/timeline/" + item.startTs() + "?projectId=1000&userId=u0003", AUTH).statusCode());
        assertEquals(405, client.post("/v20/timeline/" + start + "?projectId=1000&userId=u0003", AUTH, "").statusCode());
        assertEquals(405, client.get("/v20/timeline/batch", AUTH).statusCode());
        assertEquals(404, client.get("/v20/timeline/" + start + "/pointz?projectId=1000&userId=u0003", AUTH).statusCode());
    }

    @Test
    void pointsForTripsAndNoneForIdleOrWalking() throws Exception {
        TimelineItem trip = firstOfType("CAR", "DRIVING", "TRAIN", "TRAM", "METRO", "CYCLING");
        HttpResponse<String> r = client.get(pointsPath(trip), AUTH);
        assertEquals(200, r.statusCode());
        JsonNode points = SimulatorClient.json(r);
        assertEquals(trip.features().gpsStats().gpsPoints(), points.size());
        JsonNode first = points.get(0);
        assertEquals(trip.startTs(), first.get("ts").asText());
        for (String field : List.of("ts", "lat", "lon", "speed", "accuracy")) {
            assertTrue(first.has(field), field);
        }
        for (String type : List.of("IDLE", "WALKING")) {
            TimelineItem item = firstOfType(type);
            HttpResponse<String> none = client.get(pointsPath(item), AUTH);
            assertEquals(200, none.statusCode(), type);
            assertEquals("[]", none.body(), type);
        }
        String unknown = "/v20/timeline/" + (Instant.parse(trip.startTs()).getEpochSecond() + 1)
                + "/points?projectId=1000&userId=" + trip.userId();
        assertEquals(404, client.get(unknown, AUTH).statusCode());
    }

    @Test
    void itemsCarryTheFeatureKindTheServiceDoesNotKnow() throws Exception {
        TimelineItem trip = firstOfType("CAR");
        JsonNode item = SimulatorClient.json(client.post("/v20/timeline/batch", AUTH, "[" + key(trip) + "]")).get(0);
        JsonNode features = item.get("features");
        assertTrue(features.get("energyEstimate").has("kWh"), features.toString());
        assertTrue(features.get("energyEstimate").has("co2Grams"));
        for (String known : List.of("startLocation", "endLocation", "gpsStats", "transport", "scores",
                "phoneDistractions", "drivingBehaviorEvents", "metas")) {
            assertTrue(features.has(known), known);
        }
        assertEquals(List.of("latitude", "longitude", "address", "timeZone"), fieldNames(features.get("startLocation")));
        assertEquals(List.of("distance", "averageSpeed", "maxSpeed", "gpsPoints"), fieldNames(features.get("gpsStats")));
        JsonNode idle = SimulatorClient.json(client.post("/v20/timeline/batch", AUTH, "[" + key(firstOfType("IDLE")) + "]"))
                .get(0).get("features");
        assertEquals(List.of("startLocation", "endLocation", "metas", "energyEstimate"), fieldNames(idle));
    }

    @Test
    void countsWhatItAnswered() throws Exception {
        long before = simulator.apiStats().count(200);
        client.post("/v20/timeline/batch", AUTH, "[]");
        assertTrue(simulator.apiStats().count(200) > before);
        assertFalse(simulator.notifier().isPresent());
        assertEquals(200, client.get("/health", null).statusCode());
    }

    private static TimelineItem firstOfType(String... types) {
        List<String> wanted = List.of(types);
        for (int user = 1; user <= 10; user++) {
            for (long k = 0; k < 200; k++) {
                TimelineItem item = generator.item(1000, TimelineGenerator.userId(user), k);
                if (wanted.contains(item.type())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no item of " + wanted);
    }

    private static String pointsPath(TimelineItem item) {
        return "/v20/timeline/" + Instant.parse(item.startTs()).getEpochSecond() + "/points?projectId="
                + item.projectId() + "&userId=" + item.userId();
    }

    private static String key(TimelineItem item) {
        return "{\"projectId\":" + item.projectId() + ",\"userId\":\"" + item.userId() + "\",\"startTs\":\""
                + item.startTs() + "\"}";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
