package org.movetimeline.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.timeline.Rfc3339;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One GPS point of a trip as {@code timeline_point} stores it; {@code ts}, speed and accuracy may be absent. */
public record GpsPoint(Instant ts, double lat, double lon, Double speed, Double accuracy) {

    /**
     * Reads MOVE's points answer, so that a point the table cannot take is found before any write.
     *
     * @throws IllegalArgumentException naming the first point that has a bad time or no coordinates
     */
    public static List<GpsPoint> fromJson(List<JsonNode> points) {
        List<GpsPoint> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            JsonNode point = points.get(i);
            JsonNode ts = point.path("ts");
            Instant time = null;
            if (ts.isTextual()) {
                try {
                    time = Rfc3339.parse(ts.asText());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("GPS point " + i + ": ts is not an RFC 3339 timestamp: " + ts.asText());
                }
            } else if (!ts.isMissingNode() && !ts.isNull()) {
                throw new IllegalArgumentException("GPS point " + i + ": ts is not a string: " + ts);
            }
            if (!point.path("lat").isNumber() || !point.path("lon").isNumber()) {
                throw new IllegalArgumentException("GPS point " + i + ": lat or lon missing or not a number");
            }
            out.add(new GpsPoint(time, point.path("lat").asDouble(), point.path("lon").asDouble(),
                    number(point.path("speed")), number(point.path("accuracy"))));
        }
        return out;
    }

    private static Double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : null;
    }
}
