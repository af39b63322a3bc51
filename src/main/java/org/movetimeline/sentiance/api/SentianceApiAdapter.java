package org.movetimeline.sentiance.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.upstream.Answer;
import org.movetimeline.upstream.CallOutcome;
import org.movetimeline.upstream.HttpAnswers;
import org.movetimeline.upstream.TenantGuard;
import org.movetimeline.upstream.TenantGuards;
import org.movetimeline.upstream.UpstreamException;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The single place that knows how this service talks to Sentiance's REST API v3, and every guess about it that its
 * documentation leaves open (docs/DESIGN.md, "Second source: Sentiance"): the event answer may be an array of one
 * Transport or the object itself (both are taken; an empty array is "not there yet"); 404 means "not there yet" (the
 * Firehose may announce an event before the API serves it), so it goes through the retry tiers, not an in-call
 * retry; 401 and 403 mean the app's key is refused (keys expire yearly); 429, 5xx, timeouts and I/O errors are read
 * as for MOVE ({@link HttpAnswers}). Each call goes through its app's {@link TenantGuard} (metrics
 * {@code sentiance.api.*}, tag {@code app}): one app's rate limit or outage never holds up another's.
 */
@ApplicationScoped
public class SentianceApiAdapter {

    private final SentianceClient client;
    private final SentianceApiKeys keys;
    private final TenantGuards guards;
    private final JsonFactory json;

    @Inject
    public SentianceApiAdapter(@RestClient SentianceClient client, SentianceApiKeys keys, SentianceConfig config,
                               MeterRegistry registry, ObjectMapper mapper) {
        this(client, keys, new TenantGuards("Sentiance", "sentiance.api", "app", config.api(), registry), mapper.getFactory());
    }

    SentianceApiAdapter(SentianceClient client, SentianceApiKeys keys, TenantGuards guards, JsonFactory json) {
        this.client = client;
        this.keys = keys;
        this.guards = guards;
        this.json = json;
    }

    /**
     * The event as the exact bytes of its Transport object (the element, when Sentiance answered an array of one).
     * Blocks while the app's limit is full or Sentiance asked it to pause (at most sentiance.api.limit.max-wait per
     * attempt); fails at once while the app's circuit breaker is open.
     *
     * @throws UpstreamException.Transient with outcome NOT_FOUND while Sentiance has no such event
     * @throws UpstreamException.Permanent when the app has no key or Sentiance refuses it
     */
    public Answer<byte[]> event(String appId, String userId, String eventId) {
        String authorization = authorization(appId);
        String what = "GET /v3/users/" + userId + "/events/" + eventId;
        Answer<byte[]> answer = call(appId, what, "event " + eventId + " of user " + userId,
                () -> client.event(authorization, userId, eventId));
        return new Answer<>(answer.requestedAt(), transportObject(what, "event " + eventId + " of user " + userId, answer.value()));
    }

    /** The CarBehaviorScores of a car transport, as Sentiance sent them; guarded and failing like {@link #event}. */
    public Answer<byte[]> behaviorScores(String appId, String userId, String eventId) {
        String authorization = authorization(appId);
        return call(appId, "GET /v3/users/" + userId + "/events/" + eventId + "/behavior_scores",
                "behavior_scores of event " + eventId + " of user " + userId,
                () -> client.behaviorScores(authorization, userId, eventId));
    }

    /** The trajectory ({@code waypoints}, {@code encoded}) of a transport, as Sentiance sent it; like {@link #event}. */
    public Answer<byte[]> trajectory(String appId, String userId, String eventId) {
        String authorization = authorization(appId);
        return call(appId, "GET /v3/users/" + userId + "/events/" + eventId + "/trajectory",
                "trajectory of event " + eventId + " of user " + userId,
                () -> client.trajectory(authorization, userId, eventId));
    }

    /** True when SENTIANCE_API_KEYS holds a key for {@code appId}. */
    public boolean hasKey(String appId) {
        return keys.authorization(appId).isPresent();
    }

    /** Why an app without a key in SENTIANCE_API_KEYS cannot be fetched for. */
    public static String noKey(String appId) {
        return "no Sentiance API key for app " + appId + " (add it to SENTIANCE_API_KEYS)";
    }

    private String authorization(String appId) {
        return keys.authorization(appId).orElseThrow(() -> new UpstreamException.Permanent(noKey(appId)));
    }

    private Answer<byte[]> call(String appId, String what, String thing, Supplier<Response> request) {
        HttpAnswers.Refusal refusal = (w, status) -> switch (status) {
            case 404 -> notThere(thing, "404");
            case 401, 403 -> new UpstreamException.Permanent("Sentiance refused the API key of app " + appId + " ("
                    + status + "): keys expire yearly; renew SENTIANCE_API_KEYS");
            default -> HttpAnswers.refused(w, status);
        };
        return guards.of(appId).call(() -> HttpAnswers.attempt(what, request, refusal));
    }

    private static UpstreamException.Transient notThere(String thing, String answered) {
        return new UpstreamException.Transient("Sentiance has no " + thing + " (" + answered + ")", CallOutcome.NOT_FOUND,
                null, null);
    }

    /** The answer itself when it is an object, else the bytes of the one object of the array it is. */
    private byte[] transportObject(String what, String thing, byte[] answer) {
        try (JsonParser parser = json.createParser(answer)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                parser.skipChildren();
                requireEnd(parser);
                return answer;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new UpstreamException.Permanent(what + " answered 200 with neither a Transport object nor an array of one");
            }
            JsonToken element = parser.nextToken();
            if (element == JsonToken.END_ARRAY) {
                throw notThere(thing, "an empty array");
            }
            if (element != JsonToken.START_OBJECT) {
                throw new UpstreamException.Permanent(what + " answered 200 with an array of something other than an event");
            }
            int from = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            int to = (int) parser.currentLocation().getByteOffset();
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new UpstreamException.Permanent(what + " answered 200 with an array of more than one event");
            }
            requireEnd(parser);
            return Arrays.copyOfRange(answer, from, to);
        } catch (IOException e) {
            throw HttpAnswers.unreadable(what, e);
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new JsonParseException(parser, "content after the answer");
        }
    }
}
