package org.movetimeline.moveapi;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.upstream.Answer;
import org.movetimeline.upstream.HttpAnswers;
import org.movetimeline.upstream.TenantGuard;
import org.movetimeline.upstream.UpstreamException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The single place that knows how this service talks to MOVE's backend: request bodies, auth, and
 * what each answer means (beyond the shared reading of {@link HttpAnswers}: every other status is permanent).
 * If the real API differs from docs/DESIGN.md's reading of it, this class changes.
 * Each call goes through its project's {@link TenantGuard}: retries with backoff, a circuit breaker and a
 * concurrency limit of that project alone, so one project's rate limit or outage never holds up another's.
 */
@ApplicationScoped
public class MoveApiAdapter {

    @Inject
    @RestClient
    MoveTimelineClient client;

    @Inject
    MoveCredentials credentials;

    @Inject
    ObjectMapper mapper;

    @Inject
    MoveGuards guards;

    /** One key of the batch request body, as the documentation names the fields. */
    @RegisterForReflection // written by Jackson outside the REST layer, so native builds need telling
    record BatchKey(int projectId, String userId, String startTs) {
    }

    /**
     * Full items for {@code keys}, all of project {@code projectId}, each as the exact bytes MOVE sent (so
     * nothing is lost or re-encoded on the way to the table). Keys MOVE does not know are simply absent.
     * Blocks while the project's limit is full or MOVE asked it to pause (at most move.api.limit.max-wait per
     * attempt); fails at once while the project's circuit breaker is open.
     */
    public Answer<List<byte[]>> fetchItems(int projectId, List<TimelineKey> keys) {
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
        Answer<byte[]> answer = call(projectId, what, () -> client.batch(authorization, json));
        try {
            return new Answer<>(answer.requestedAt(), elements(answer.value())
                    .orElseThrow(() -> new UpstreamException.Permanent(what + " answered 200 without a JSON array")));
        } catch (IOException e) {
            throw HttpAnswers.unreadable(what, e);
        }
    }

    /** The GPS points of one item (an empty list for items without GPS); guarded like {@link #fetchItems}. */
    public List<JsonNode> fetchPoints(TimelineKey key) {
        String authorization = authorization(key.projectId());
        String what = "GET /v20/timeline/{startTs}/points";
        byte[] answer = call(key.projectId(), what, () -> client.points(authorization, key.startTs().getEpochSecond(), key.projectId(), key.userId()))
                .value();
        try {
            JsonNode points = mapper.readTree(answer);
            if (points == null || !points.isArray()) {
                throw new UpstreamException.Permanent(what + " answered 200 without a JSON array");
            }
            List<JsonNode> out = new ArrayList<>(points.size());
            points.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw HttpAnswers.unreadable(what, e);
        }
    }

    private String authorization(int projectId) {
        return credentials.authorization(projectId).orElseThrow(() -> new UpstreamException.Permanent(
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

    private Answer<byte[]> call(int projectId, String what, Supplier<Response> request) {
        return guards.of(projectId).call(() -> HttpAnswers.attempt(what, request, HttpAnswers::refused));
    }
}
