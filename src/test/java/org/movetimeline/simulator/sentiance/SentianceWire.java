package org.movetimeline.simulator.sentiance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.movetimeline.simulator.Json;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Sentiance's wire shapes as the simulator writes them (Firehose messages and REST v3 answers; docs/DESIGN.md,
 * "Second source: Sentiance", and the seed's REST reference). Field names are Java's, written snake_case.
 */
final class SentianceWire {

    /** The simulator's mapper with Sentiance's naming; absent (null) fields are left out. */
    static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SentianceWire() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // only our own records are written
        }
    }

    /** One Firehose POST body. */
    record Delivery(List<Message> data) {
    }

    record Message(Meta meta, Object data) {
    }

    record Meta(String messageType, String messageTimestamp, List<String> updatedAttributes) {
    }

    record Point(double latitude, double longitude, String timestamp) {
    }

    /**
     * -1 means "not enough data" (Sentiance's convention). {@code type} is {@code CarBehaviorScores} in the API's
     * answer and absent in a Firehose message.
     */
    record CarScores(String type, double overall, double smooth, double legal, double anticipative, double focus, double mounted,
                     double hardAccel, double hardBrake, double hardEvents, double hardTurn, double legalV2,
                     double smoothV2, double anticipativeV2) {

        CarScores typed(String t) {
            return new CarScores(t, overall, smooth, legal, anticipative, focus, mounted, hardAccel, hardBrake,
                    hardEvents, hardTurn, legalV2, smoothV2, anticipativeV2);
        }
    }

    record TransportData(String userId, String eventId, String mode, String start, String end, long distance,
                         Point startLocation, Point endLocation, CarScores behaviorScores) {
    }

    record StationaryData(String userId, String eventId, String start, String end, double latitude,
                          double longitude, long duration, String significance) {
    }

    record LocationData(String userId, double latitude, double longitude, double accuracy, String timestamp) {
    }

    record MomentData(String userId, String momentDefinitionId, String start, String end, String analysisType) {
    }

    record EventPredictionData(String userId, String predictedEventType, String predictedSignificance,
                               double probability, String timestamp) {
    }

    /** {@code GET /v3/users/{u}/events/{e}}: an array of one of these. */
    record TransportEvent(String type, String start, String end, String analysisType, String eventId, String mode,
                          long distance, BehaviorFeatures behaviorFeatures) {
    }

    record BehaviorFeatures(long phoneHandling, long distanceDuringAnnotations) {
    }

    record Trajectory(List<Waypoint> waypoints, String encoded) {
    }

    record Waypoint(String type, double latitude, double longitude, String timestamp, String roadType, double speed,
                    double distance, int speedLimit) {
    }

    record Annotation(String type, String start, String end, String quality, String acceleration, String maneuver,
                      Long duration, Double magnitude) {
    }

    /** Sentiance's error body, e.g. {@code {"message":"Install is disabled.","ref":"403b03b1-..."}}. */
    record Error(String message, String ref) {
    }
}
