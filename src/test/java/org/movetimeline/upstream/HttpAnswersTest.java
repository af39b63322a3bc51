package org.movetimeline.upstream;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared reading of HTTP answers, without a server: responses are built in memory. */
class HttpAnswersTest {

    static final String WHAT = "GET /v3/users/u1/events/e1";

    /** Sentiance's reading: 404 is "not there yet", 401/403 a refused key, anything else as MOVE reads it. */
    static final HttpAnswers.Refusal SENTIANCE = (what, status) -> switch (status) {
        case 404 -> new UpstreamException.Transient("no event e1 of user u1 (404)", CallOutcome.NOT_FOUND, null, null);
        case 401, 403 -> new UpstreamException.Permanent("refused the API key of app a (" + status + ")");
        default -> HttpAnswers.refused(what, status);
    };

    static UpstreamException failure(Response response, HttpAnswers.Refusal refusal) {
        return assertThrows(UpstreamException.class, () -> HttpAnswers.attempt(WHAT, () -> response, refusal));
    }

    static CallOutcome outcome(UpstreamException e) {
        return ((UpstreamException.Transient) e).outcome();
    }

    @Test
    void a200IsTheAnswerStampedWithItsRequest() {
        byte[] body = "[{}]".getBytes(StandardCharsets.UTF_8);
        Answer<byte[]> answer = HttpAnswers.attempt(WHAT, () -> Response.ok(body).build(), HttpAnswers::refused);
        assertArrayEquals(body, answer.value());
        assertTrue(answer.requestedAt() != null);
    }

    @Test
    void rateLimitsAndServerErrorsAreTransientWithTheirRetryAfter() {
        UpstreamException limited = failure(Response.status(429).header("Retry-After", "7").build(), HttpAnswers::refused);
        assertEquals(CallOutcome.RATE_LIMITED, outcome(limited));
        assertEquals(Duration.ofSeconds(7), ((UpstreamException.Transient) limited).retryAfter().orElseThrow());
        assertEquals(WHAT + " answered 429", limited.getMessage());

        // The REST client's default exception mapper throws for >= 400: the status still decides.
        UpstreamException thrown = assertThrows(UpstreamException.class, () -> HttpAnswers.attempt(WHAT,
                () -> { throw new WebApplicationException(Response.status(503).build()); }, HttpAnswers::refused));
        assertEquals(CallOutcome.SERVER_ERROR, outcome(thrown));
        assertTrue(((UpstreamException.Transient) thrown).retryAfter().isEmpty());
    }

    @Test
    void otherStatusesMeanWhatTheRefusalSays() {
        UpstreamException move = failure(Response.status(404).build(), HttpAnswers::refused);
        assertTrue(move instanceof UpstreamException.Permanent);
        assertEquals(WHAT + " answered 404", move.getMessage());

        UpstreamException notYet = failure(Response.status(404).build(), SENTIANCE);
        assertEquals(CallOutcome.NOT_FOUND, outcome(notYet));
        assertEquals("no event e1 of user u1 (404)", notYet.getMessage());
        UpstreamException key = failure(Response.status(401).build(), SENTIANCE);
        assertTrue(key instanceof UpstreamException.Permanent);
        assertEquals("refused the API key of app a (401)", key.getMessage());
        assertEquals(WHAT + " answered 400", failure(Response.status(400).build(), SENTIANCE).getMessage());
    }

    @Test
    void timeoutsAreToldFromOtherIoFailures() {
        UpstreamException timedOut = assertThrows(UpstreamException.class, () -> HttpAnswers.attempt(WHAT,
                () -> { throw new ProcessingException(new SocketTimeoutException("read timed out")); }, HttpAnswers::refused));
        assertEquals(CallOutcome.TIMEOUT, outcome(timedOut));
        UpstreamException io = assertThrows(UpstreamException.class, () -> HttpAnswers.attempt(WHAT,
                () -> { throw new ProcessingException("connection reset"); }, HttpAnswers::refused));
        assertEquals(CallOutcome.IO, outcome(io));
        assertEquals(WHAT + " failed: connection reset", io.getMessage());
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertEquals(Duration.ZERO, HttpAnswers.retryAfter(Response.status(429).header("Retry-After", "-3").build()));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        Duration wait = HttpAnswers.retryAfter(Response.status(429).header("Retry-After", inAMinute).build());
        assertTrue(wait.compareTo(Duration.ofSeconds(50)) > 0 && wait.compareTo(Duration.ofSeconds(60)) <= 0, wait.toString());
        assertNull(HttpAnswers.retryAfter(Response.status(429).header("Retry-After", "soon").build()));
        assertNull(HttpAnswers.retryAfter(Response.status(429).build()));
    }
}
