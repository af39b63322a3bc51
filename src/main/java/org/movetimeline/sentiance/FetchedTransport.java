package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;

/**
 * A transport as the Firehose announced it and the REST API described it, with the columns the table types out.
 * The bytes are kept as they came: {@code message} the Firehose message, {@code event} the Transport object of the
 * event answer (as sentiance.api.SentianceApiAdapter, which knows the wire's shapes, hands it over), {@code behaviorScores} the
 * CarBehaviorScores answer (null when not asked for). {@code requestedAt} is when the first request was sent.
 */
public record FetchedTransport(SentianceKey key, Instant start, Instant end, String mode, Double distanceMeters,
                               Double startLat, Double startLon, Double endLat, Double endLon, String analysisType,
                               DrivingScores scores, byte[] message, byte[] event, byte[] behaviorScores,
                               Instant requestedAt) {

    /**
     * Start, end, mode, distance and analysis type come from the event answer when it has them, else from the
     * message (Sentiance refines a transport after announcing it; the answer is the later word). Locations come
     * from the message, else from the first and last waypoint of {@code trajectory} (empty when not fetched).
     * Scores come from the behaviour-scores answer when there is one, else from the message.
     *
     * @throws IllegalArgumentException naming the part and field when the input cannot make a row: a part is not
     *                                  JSON, the message has no data.user_id or data.event_id, the event is not
     *                                  an object, a field has the wrong type or an unreadable
     *                                  timestamp, or neither answer nor message gives a start
     */
    public static FetchedTransport from(ObjectMapper json, String appId, byte[] message, byte[] eventAnswer,
                                        byte[] behaviorScoresAnswer, List<TrajectoryPoint> trajectory,
                                        Instant requestedAt) {
        JsonNode messageTree = SentianceJson.tree(json, message, "message");
        if (!messageTree.isObject()) {
            throw new IllegalArgumentException("message is not a JSON object");
        }
        JsonNode data = SentianceJson.object(messageTree, "data", "message");
        SentianceKey key = new SentianceKey(appId, SentianceJson.requiredText(data, "user_id", "message data"),
                SentianceJson.requiredText(data, "event_id", "message data"));
        JsonNode event = SentianceJson.tree(json, eventAnswer, "event answer");
        if (!event.isObject()) {
            throw new IllegalArgumentException("event answer is not a Transport object");
        }

        Instant start = SentianceJson.present(event, "start") ? SentianceJson.timestamp(event, "start", "event answer")
                : SentianceJson.timestamp(data, "start", "message data");
        if (start == null) {
            throw new IllegalArgumentException("transport without start: neither the event answer nor the message has one");
        }
        Instant end = SentianceJson.present(event, "end") ? SentianceJson.timestamp(event, "end", "event answer")
                : SentianceJson.timestamp(data, "end", "message data");
        String mode = SentianceJson.present(event, "mode") ? SentianceJson.text(event, "mode", "event answer")
                : SentianceJson.text(data, "mode", "message data");
        Double distance = SentianceJson.present(event, "distance") ? SentianceJson.number(event, "distance", "event answer")
                : SentianceJson.number(data, "distance", "message data");
        String analysisType = SentianceJson.present(event, "analysis_type")
                ? SentianceJson.text(event, "analysis_type", "event answer")
                : SentianceJson.text(data, "analysis_type", "message data");

        double[] startAt = location(data, "start_location", trajectory.isEmpty() ? null : trajectory.get(0));
        double[] endAt = location(data, "end_location", trajectory.isEmpty() ? null : trajectory.get(trajectory.size() - 1));

        DrivingScores scores;
        if (behaviorScoresAnswer != null) {
            JsonNode answer = SentianceJson.tree(json, behaviorScoresAnswer, "behavior_scores answer");
            if (!answer.isObject()) {
                throw new IllegalArgumentException("behavior_scores answer is not a JSON object");
            }
            scores = DrivingScores.from(answer);
        } else {
            JsonNode fromMessage = data.get("behavior_scores");
            scores = DrivingScores.from(fromMessage != null && fromMessage.isObject() ? fromMessage : null);
        }
        return new FetchedTransport(key, start, end, mode, distance, coordinate(startAt, 0), coordinate(startAt, 1),
                coordinate(endAt, 0), coordinate(endAt, 1), analysisType, scores, message, eventAnswer,
                behaviorScoresAnswer, requestedAt);
    }

    /** {latitude, longitude} of the message's location, else of the waypoint, else null. */
    private static double[] location(JsonNode data, String field, TrajectoryPoint fallback) {
        JsonNode location = data.get(field);
        if (location != null && location.isObject()) {
            Double lat = SentianceJson.number(location, "latitude", "message data " + field);
            Double lon = SentianceJson.number(location, "longitude", "message data " + field);
            if (lat != null && lon != null) {
                return new double[]{lat, lon};
            }
        }
        return fallback == null ? null : new double[]{fallback.lat(), fallback.lon()};
    }

    private static Double coordinate(double[] location, int index) {
        return location == null ? null : location[index];
    }
}
