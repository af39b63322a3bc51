package org.movetimeline.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * A full timeline item as the MOVE backend returns it. The shape (names, nesting, units) is what
 * the service's typed columns read, so it changes only together with the service.
 * IDLE and WALKING items carry no GPS, hence no gpsStats, transport, scores, distractions or
 * behaviour events: those fields are null and left out of the JSON.
 * {@code energyEstimate} is deliberately a feature kind the service does not know, to prove
 * that unknown features are kept.
 */
@JsonPropertyOrder({"projectId", "userId", "startTs", "endTs", "type", "features"})
public record TimelineItem(int projectId, String userId, String startTs, String endTs, String type, Features features) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"startLocation", "endLocation", "gpsStats", "transport", "scores", "phoneDistractions",
            "drivingBehaviorEvents", "metas", "energyEstimate"})
    public record Features(
            Location startLocation,
            Location endLocation,
            GpsStats gpsStats,
            Transport transport,
            Scores scores,
            List<PhoneDistraction> phoneDistractions,
            List<DrivingBehaviorEvent> drivingBehaviorEvents,
            Metas metas,
            EnergyEstimate energyEstimate) {
    }

    @JsonPropertyOrder({"latitude", "longitude", "address", "timeZone"})
    public record Location(double latitude, double longitude, String address, String timeZone) {
    }

    /** distance in metres, speeds in km/h, gpsPoints = how many points /points answers. */
    @JsonPropertyOrder({"distance", "averageSpeed", "maxSpeed", "gpsPoints"})
    public record GpsStats(double distance, double averageSpeed, double maxSpeed, int gpsPoints) {
    }

    /** probabilities: insertion-ordered (detected type first), so the JSON is byte-stable. */
    @JsonPropertyOrder({"type", "probabilities"})
    public record Transport(String type, Map<String, Double> probabilities) {
    }

    /** 0..100, higher is better. */
    @JsonPropertyOrder({"total", "safeness", "distraction", "speeding"})
    public record Scores(int total, int safeness, int distraction, int speeding) {
    }

    @JsonPropertyOrder({"startTs", "endTs", "type"})
    public record PhoneDistraction(String startTs, String endTs, String type) {
    }

    /** value: severity 0..1. */
    @JsonPropertyOrder({"ts", "type", "value"})
    public record DrivingBehaviorEvent(String ts, String type, double value) {
    }

    @JsonPropertyOrder({"sdkVersion", "os"})
    public record Metas(String sdkVersion, String os) {
    }

    @JsonPropertyOrder({"kWh", "co2Grams"})
    public record EnergyEstimate(@JsonProperty("kWh") double kWh, @JsonProperty("co2Grams") int co2Grams) {
    }
}
