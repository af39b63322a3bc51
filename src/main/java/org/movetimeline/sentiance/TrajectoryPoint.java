package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One waypoint of a transport's trajectory as {@code sentiance_transport_point} stores it; seq is its index. */
public record TrajectoryPoint(int seq, Instant ts, double lat, double lon, Double speed, Double speedLimit,
                              String roadType, Double distanceMeters) {

    /**
     * Reads the trajectory answer ({@code {"waypoints":[...],"encoded":"..."}}); no waypoints is an empty list.
     * The encoded polyline says nothing the waypoints do not.
     *
     * @throws IllegalArgumentException naming the first waypoint the table cannot take, or the answer's flaw
     */
    public static List<TrajectoryPoint> fromAnswer(ObjectMapper json, byte[] answer) {
        JsonNode tree = SentianceJson.tree(json, answer, "trajectory answer");
        if (!tree.isObject()) {
            throw new IllegalArgumentException("trajectory answer is not a JSON object");
        }
        JsonNode waypoints = tree.get("waypoints");
        if (waypoints == null || waypoints.isNull()) {
            return List.of();
        }
        if (!waypoints.isArray()) {
            throw new IllegalArgumentException("trajectory answer: waypoints is not an array");
        }
        List<TrajectoryPoint> points = new ArrayList<>(waypoints.size());
        for (int i = 0; i < waypoints.size(); i++) {
            String what = "trajectory waypoint " + i;
            JsonNode w = waypoints.get(i);
            if (!w.isObject()) {
                throw new IllegalArgumentException(what + " is not an object");
            }
            Double lat = SentianceJson.number(w, "latitude", what);
            Double lon = SentianceJson.number(w, "longitude", what);
            if (lat == null || lon == null) {
                throw new IllegalArgumentException(what + ": latitude or longitude is missing");
            }
            points.add(new TrajectoryPoint(i, SentianceJson.timestamp(w, "timestamp", what), lat, lon,
                    SentianceJson.number(w, "speed", what), SentianceJson.number(w, "speed_limit", what),
                    SentianceJson.text(w, "road_type", what), SentianceJson.number(w, "distance", what)));
        }
        return points;
    }
}
