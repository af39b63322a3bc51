package org.movetimeline.ingest.moveapi;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.faulttolerance.api.CustomBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The single place that knows how this service talks to MOVE's backend: request bodies, auth, and
 * what each answer means. If the real API differs from DESIGN.md's reading of it, this class changes.
 * Transient failures are retried here with backoff; a circuit breaker stops hammering a MOVE outage.
 * The policies sit on the class, so each public method gets them (and a breaker of its own).
 */
@ApplicationScoped
@Timeout(30_000)
@Retry(maxRetries = 5, delay = 500, maxDuration = 180_000, jitter = 0,
        retryOn = {MoveApiException.Transient.class, TimeoutException.class})
@CustomBackoff(RetryAfterBackoff.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 30_000, successThreshold = 2,
        failOn = {MoveApiException.Transient.class, TimeoutException.class})
public class MoveApiAdapter {

    @Inject
    @RestClient
    MoveTimelineClient client;

    @Inject
    MoveCredentials credentials;

    @Inject
    ObjectMapper mapper;

    /** One key of the batch request body, as the documentation names the fields. */
    @RegisterForReflection // written by Jackson outside the REST layer, so native builds need telling
    record BatchKey(int projectId, String userId, String startTs) {
    }

    /**
     * Full items for {@code keys}, all of project {@code projectId}, each as the exact bytes MOVE sent (so
     * nothing is lost or re-encoded on the way to the table). Keys MOVE does not know are simply absent.
     */
    public MoveAnswer<List<byte[]>> fetchItems(int projectId, List<TimelineKey> keys) {
        String authorization = authorization(projectId);
        List<BatchKey> body = new ArrayList<>(keys.size());
        for (TimelineKey key : keys) {
            body.add(new BatchKey(key.projectId(), key.userId(), key.startTs().toString()));
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write batch keys", e);
        }
        String what = "POST /v20/timeline/batch";
        MoveAnswer<byte[]> answer = call(what, () -> client.batch(authorization, json));
        try {
            return new MoveAnswer<>(answer.requestedAt(), elements(answer.value())
                    .orElseThrow(() -> new MoveApiException.Permanent(what + " answered 200 without a JSON array")));
        } catch (IOException e) {
            throw new MoveApiException.Transient(what + " answer unreadable: " + e.getMessage(), null, e);
        }
    }

    /** The GPS points of one item (an empty list for items without GPS). */
    public List<JsonNode> fetchPoints(TimelineKey key) {
        String authorization = authorization(key.projectId());
        String what = "GET /v20/timeline/{startTs}/points";
        byte[] answer = call(what, () -> client.points(authorization, key.startTs().getEpochSecond(), key.projectId(), key.userId()))
                .value();
        try {
            JsonNode points = mapper.readTree(answer);
            if (points == null || !points.isArray()) {
                throw new MoveApiException.Permanent(what + " answered 200 without a JSON array");
            }
            List<JsonNode> out = new ArrayList<>(points.size());
            points.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new MoveApiException.Transient(what + " answer unreadable: " + e.getMessage(), null, e);
        }
    }

    private String authorization(int projectId) {
        return credentials.authorization(projectId).orElseThrow(() -> new MoveApiException.Permanent(
                "no MOVE API credentials for project " + projectId + " (add it to MOVE_API_CREDENTIALS)"));
    }

    /** The elements of a top-level JSON array as byte slices of {@code json}; empty if it is not an array. */
    private Optional<List<byte[]>> elements(byte[] json) throws IOException {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            List<byte[]> out = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                out.add(Arrays.copyOfRange(json, start, (int) parser.currentLocation().getByteOffset()));
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the top-level array");
            }
            return Optional.of(out);
        }
    }

    /** The body of a 200 answer; 429 and 5xx are transient failures, any other status a permanent one. */
    private MoveAnswer<byte[]> call(String what, Supplier<Response> request) {
        // Taken per attempt, so a retried call is stamped with the attempt that got the answer.
        Instant requestedAt = Instant.now();
        try (Response response = send(what, request)) {
            int status = response.getStatus();
            if (status == 429 || status >= 500) {
                throw new MoveApiException.Transient(what + " answered " + status, retryAfter(response), null);
            }
            if (status != 200) {
                throw new MoveApiException.Permanent(what + " answered " + status);
            }
            return new MoveAnswer<>(requestedAt, response.readEntity(byte[].class));
        } catch (ProcessingException e) {
            throw new MoveApiException.Transient(what + " answer unreadable: " + e.getMessage(), null, e);
        }
    }

    private static Response send(String what, Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            // The REST client's default mapper turns >= 400 into this; the status is still what counts.
            return e.getResponse();
        } catch (ProcessingException e) {
            throw new MoveApiException.Transient(what + " failed: " + e.getMessage(), null, e);
        }
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
