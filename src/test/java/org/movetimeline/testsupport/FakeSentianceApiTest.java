package org.movetimeline.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeSentianceApi.Answer;
import org.movetimeline.testsupport.FakeSentianceApi.Endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake's scripting, so that the consumer's tests can trust what it answers. */
class FakeSentianceApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final FakeSentianceApi API = FakeSentianceApi.shared();
    static final String A = SentianceProfile.APP_A;
    static final Instant START = Instant.parse("2026-07-01T08:00:00Z");

    static HttpResponse<String> get(String key, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(API.baseUrl() + path)).header("Authorization", "Bearer " + key)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEventIsNotFoundUntilPutThenAnArrayOfOneOrTheObject() throws Exception {
        String path = Endpoint.EVENT.path("fake-u1", "e1");
        assertEquals(404, get("key-a", path).statusCode());

        API.put(A, "fake-u1", FakeSentianceApi.transport("e1", "car", START, Duration.ofMinutes(30), 12000));
        JsonNode array = JSON.readTree(get("key-a", path).body());
        assertEquals("car", array.get(0).get("mode").asText());
        assertEquals(1, array.size());
        assertEquals(404, get("key-b", path).statusCode(), "another app's key sees another app's events");

        API.answerAsObject(A, "fake-u1", "e1");
        API.refine(A, "fake-u1", "e1", START.minusSeconds(60), "bus");
        JsonNode object = JSON.readTree(get("key-a", path).body());
        assertEquals("bus", object.get("mode").asText());
        assertEquals(START.minusSeconds(60).toString(), object.get("start").asText());

        assertEquals(0.79, JSON.readTree(get("key-a", Endpoint.BEHAVIOR_SCORES.path("fake-u1", "e1")).body()).get("overall").asDouble());
        assertEquals(0, JSON.readTree(get("key-a", Endpoint.TRAJECTORY.path("fake-u1", "e1")).body()).get("waypoints").size());
        assertEquals("[]", get("key-a", Endpoint.BEHAVIOR_ANNOTATIONS.path("fake-u1", "e1")).body());
        assertEquals(4, API.count(path), "two 404s and two answers");
    }

    @Test
    void scriptedAnswersComeInOrderPerEndpointThenTheStoredOne() throws Exception {
        API.put(A, "fake-u2", FakeSentianceApi.transport("e1", "walking", START, Duration.ofMinutes(10), 800));
        API.script(A, "fake-u2", "e1", Answer.tooManyRequests(1), Answer.status(500));
        API.script(A, "fake-u2", "e1", Endpoint.TRAJECTORY, Answer.status(403));
        String path = Endpoint.EVENT.path("fake-u2", "e1");

        HttpResponse<String> limited = get("key-a", path);
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(403, get("key-a", Endpoint.TRAJECTORY.path("fake-u2", "e1")).statusCode());
        assertEquals(500, get("key-a", path).statusCode());
        assertEquals(200, get("key-a", path).statusCode());
        assertEquals(200, get("key-a", Endpoint.TRAJECTORY.path("fake-u2", "e1")).statusCode());
        assertEquals(404, get("key-a", Endpoint.BEHAVIOR_SCORES.path("fake-u2", "e1")).statusCode(), "no scores for a walk");
    }

    @Test
    void aRevokedOrUnknownKeyIsRefusedWithSentiancesErrorForm() throws Exception {
        API.put(SentianceProfile.APP_REVOKED, "fake-u3", FakeSentianceApi.transport("e1", "car", START, Duration.ofMinutes(5), 1));
        for (String key : new String[]{"key-revoked", "no-such-key"}) {
            HttpResponse<String> refused = get(key, Endpoint.EVENT.path("fake-u3", "e1"));
            assertEquals(401, refused.statusCode());
            assertTrue(JSON.readTree(refused.body()).get("message").asText().contains("API key"), refused.body());
        }
        assertTrue(API.requests().stream().anyMatch(r -> r.status() == 401 && SentianceProfile.APP_REVOKED.equals(r.appId())));
    }
}
