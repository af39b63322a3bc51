package org.movetimeline.sentiance.api;

import com.fasterxml.jackson.core.JsonFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.TestConfig;
import org.movetimeline.upstream.Answer;
import org.movetimeline.upstream.CallOutcome;
import org.movetimeline.upstream.TenantGuards;
import org.movetimeline.upstream.UpstreamException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the adapter reads Sentiance's answers, against in-memory responses through a real guard. */
class SentianceApiAdapterTest {

    static final String TRANSPORT = "{\"type\":\"Transport\",\"event_id\":\"e1\",\"mode\":\"car\",\"start\":\"2026-07-01T08:00:00.000+02:00\"}";

    /** Answers the scripted responses in order and remembers each call's path and Authorization header. */
    static final class ScriptedClient implements SentianceClient {
        final Deque<Response> answers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();

        ScriptedClient answer(int status, String body, String retryAfter) {
            Response.ResponseBuilder response = Response.status(status);
            if (body != null) {
                response.entity(body.getBytes(StandardCharsets.UTF_8));
            }
            if (retryAfter != null) {
                response.header("Retry-After", retryAfter);
            }
            answers.add(response.build());
            return this;
        }

        private Response next(String authorization, String path) {
            calls.add(authorization + " " + path);
            return answers.removeFirst();
        }

        @Override
        public Response event(String authorization, String userId, String eventId) {
            return next(authorization, "/v3/users/" + userId + "/events/" + eventId);
        }

        @Override
        public Response trajectory(String authorization, String userId, String eventId) {
            return next(authorization, "/v3/users/" + userId + "/events/" + eventId + "/trajectory");
        }

        @Override
        public Response behaviorScores(String authorization, String userId, String eventId) {
            return next(authorization, "/v3/users/" + userId + "/events/" + eventId + "/behavior_scores");
        }

        @Override
        public Response behaviorAnnotations(String authorization, String userId, String eventId) {
            return next(authorization, "/v3/users/" + userId + "/events/" + eventId + "/behavior_annotations");
        }
    }

    final ScriptedClient client = new ScriptedClient();
    final SentianceApiAdapter adapter = new SentianceApiAdapter(client,
            new SentianceApiKeys(List.of("a1:key-1", "a2:key-2")),
            new TenantGuards("Sentiance", "sentiance.api", "app", TestConfig.sentiance(Map.of(
                    "sentiance.api.retry.delay", "1ms", "sentiance.api.retry.max-retries", "2",
                    "sentiance.api.limit.max-wait", "2s")).api(), new SimpleMeterRegistry()),
            new JsonFactory());

    static String text(Answer<byte[]> answer) {
        return new String(answer.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anArrayOfOneIsItsTransportObjectsExactBytes() {
        client.answer(200, "[ " + TRANSPORT + " ]", null);
        Answer<byte[]> answer = adapter.event("a1", "u1", "e1");
        assertEquals(TRANSPORT, text(answer));
        assertTrue(answer.requestedAt() != null);
        assertEquals(List.of("Bearer key-1 /v3/users/u1/events/e1"), client.calls);
    }

    @Test
    void theObjectItselfIsTakenAsItCame() {
        client.answer(200, TRANSPORT, null);
        assertEquals(TRANSPORT, text(adapter.event("a2", "u1", "e1")));
        assertEquals(List.of("Bearer key-2 /v3/users/u1/events/e1"), client.calls);
    }

    @Test
    void otherShapesOfTheEventAnswerAreNoTransport() {
        client.answer(200, "[]", null);
        UpstreamException empty = assertThrows(UpstreamException.class, () -> adapter.event("a1", "u1", "e1"));
        assertEquals(CallOutcome.NOT_FOUND, assertInstanceOf(UpstreamException.Transient.class, empty).outcome());

        client.answer(200, "[" + TRANSPORT + "," + TRANSPORT + "]", null);
        assertInstanceOf(UpstreamException.Permanent.class, assertThrows(UpstreamException.class,
                () -> adapter.event("a1", "u1", "e1")));
        client.answer(200, "\"Transport\"", null);
        assertInstanceOf(UpstreamException.Permanent.class, assertThrows(UpstreamException.class,
                () -> adapter.event("a1", "u1", "e1")));
        client.answer(200, "{\"type\":", null);
        assertEquals(CallOutcome.IO, assertInstanceOf(UpstreamException.Transient.class,
                assertThrows(UpstreamException.class, () -> adapter.event("a1", "u1", "e1"))).outcome());
    }

    @Test
    void theScoresAndTrajectoryAreTheirAnswersBytes() {
        client.answer(200, "{\"overall\":0.79}", null).answer(200, "{\"waypoints\":[]}", null);
        assertEquals("{\"overall\":0.79}", text(adapter.behaviorScores("a1", "u1", "e1")));
        assertArrayEquals("{\"waypoints\":[]}".getBytes(StandardCharsets.UTF_8), adapter.trajectory("a1", "u1", "e1").value());
        assertEquals(List.of("Bearer key-1 /v3/users/u1/events/e1/behavior_scores",
                "Bearer key-1 /v3/users/u1/events/e1/trajectory"), client.calls);
    }

    @Test
    void a404IsNotThereYetForTheRetryTiersNotRetriedInTheCall() {
        client.answer(404, "{\"message\":\"Not found\"}", null);
        UpstreamException e = assertThrows(UpstreamException.class, () -> adapter.event("a1", "u1", "e1"));
        assertEquals(CallOutcome.NOT_FOUND, assertInstanceOf(UpstreamException.Transient.class, e).outcome());
        assertEquals("Sentiance has no event e1 of user u1 (404)", e.getMessage());
        assertEquals(1, client.calls.size());
    }

    @Test
    void a401Or403IsTheKeyRefusedForGood() {
        for (int status : new int[]{401, 403}) {
            client.calls.clear();
            client.answer(status, "{\"message\":\"Unauthorized\"}", null);
            UpstreamException e = assertThrows(UpstreamException.class, () -> adapter.behaviorScores("a1", "u1", "e1"));
            assertInstanceOf(UpstreamException.Permanent.class, e);
            assertEquals("Sentiance refused the API key of app a1 (" + status
                    + "): keys expire yearly; renew SENTIANCE_API_KEYS", e.getMessage());
            assertEquals(1, client.calls.size());
        }
    }

    @Test
    void a429IsAskedAgainAfterItsRetryAfter() {
        client.answer(429, null, "1").answer(200, TRANSPORT, null);
        long started = System.nanoTime();
        assertEquals(TRANSPORT, text(adapter.event("a1", "u1", "e1")));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "the retry waited for Retry-After");
        assertEquals(2, client.calls.size());
    }

    @Test
    void a429WithALongerRetryAfterThanACallMayWaitIsLeftToTheRetryTiers() {
        client.answer(429, null, "60");
        UpstreamException e = assertThrows(UpstreamException.class, () -> adapter.event("a1", "u1", "e1"));
        assertEquals(CallOutcome.RATE_LIMITED, assertInstanceOf(UpstreamException.Transient.class, e).outcome());
        assertEquals(1, client.calls.size());
    }

    @Test
    void serverErrorsAreRetriedInTheCall() {
        client.answer(503, null, null).answer(500, null, null).answer(200, TRANSPORT, null);
        assertEquals(TRANSPORT, text(adapter.event("a1", "u1", "e1")));
        assertEquals(3, client.calls.size());
    }

    @Test
    void anAppWithoutAKeyIsRefusedWithoutACall() {
        assertFalse(adapter.hasKey("a3"));
        UpstreamException e = assertThrows(UpstreamException.class, () -> adapter.event("a3", "u1", "e1"));
        assertInstanceOf(UpstreamException.Permanent.class, e);
        assertEquals("no Sentiance API key for app a3 (add it to SENTIANCE_API_KEYS)", e.getMessage());
        assertTrue(client.calls.isEmpty());
    }
}
