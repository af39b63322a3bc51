package org.movetimeline.upstream;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What an HTTP answer of an upstream API means, the same for every API: 200 is the answer, 429 and 5xx are
 * transient (with their Retry-After), a timeout or I/O failure is transient; what any other status means is the
 * caller's {@link Refusal}.
 */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /** The failure a status other than 200, 429 and 5xx stands for; {@code what} names the call, e.g. "GET /x". */
    @FunctionalInterface
    public interface Refusal {
        UpstreamException of(String what, int status);
    }

    /** Every such status is permanent: "{@code what} answered {@code status}" (MOVE's reading of them all). */
    public static UpstreamException refused(String what, int status) {
        return new UpstreamException.Permanent(what + " answered " + status);
    }

    /** One attempt: the body of a 200 answer, stamped with when it was sent, or the failure the answer means. */
    public static Answer<byte[]> attempt(String what, Supplier<Response> request, Refusal refusal) {
        // Taken per attempt, so a retried call is stamped with the attempt that got the answer.
        Instant requestedAt = Instant.now();
        try (Response response = send(what, request)) {
            int status = response.getStatus();
            if (status == 429 || status >= 500) {
                throw new UpstreamException.Transient(what + " answered " + status,
                        status == 429 ? CallOutcome.RATE_LIMITED : CallOutcome.SERVER_ERROR, retryAfter(response), null);
            }
            if (status != 200) {
                throw refusal.of(what, status);
            }
            return new Answer<>(requestedAt, response.readEntity(byte[].class));
        } catch (ProcessingException e) {
            throw failed(what + " answer unreadable: ", e);
        }
    }

    /** A 200 answer whose body cannot be read as the API documents it: worth fetching again. */
    public static UpstreamException.Transient unreadable(String what, Exception e) {
        return new UpstreamException.Transient(what + " answer unreadable: " + e.getMessage(), CallOutcome.IO, null, e);
    }

    private static Response send(String what, Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            // The REST client's default mapper turns >= 400 into this; the status is still what counts.
            return e.getResponse();
        } catch (ProcessingException e) {
            throw failed(what + " failed: ", e);
        }
    }

    /** A timeout (connect or read, as the REST client reports it) or another I/O failure. */
    private static UpstreamException.Transient failed(String prefix, ProcessingException e) {
        boolean timedOut = false;
        for (Throwable cause = e; cause != null && !timedOut; cause = cause.getCause()) {
            timedOut = cause instanceof TimeoutException || cause instanceof SocketTimeoutException;
        }
        return new UpstreamException.Transient(prefix + e.getMessage(), timedOut ? CallOutcome.TIMEOUT : CallOutcome.IO,
                null, e);
    }

    /** Retry-After as seconds or an HTTP date; absent or unreadable means "use the backoff". */
    static Duration retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
