package org.movetimeline.ingest.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.ingest.moveapi.TimelineKey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A full item as MOVE returned it, with the columns the table types out. The JSON is kept whole:
 * feature kinds no code knows yet are stored and forwarded untouched.
 */
public record FetchedItem(TimelineKey key, Instant endTs, String type, String transportType, Double distanceMeters,
                          Double startLat, Double startLon, Double endLat, Double endLon, String json,
                          Instant fetchedAt) {

    /**
     * @throws IllegalArgumentException when the item lacks projectId, userId or a readable startTs
     */
    public static FetchedItem from(JsonNode item, Instant fetchedAt) {
        JsonNode projectId = item.path("projectId");
        String userId = item.path("userId").asText(null);
        Instant startTs = timestamp(item.path("startTs"));
        if (!projectId.canConvertToInt() || userId == null || startTs == null) {
            throw new IllegalArgumentException("item without projectId, userId or startTs");
        }
        JsonNode features = item.path("features");
        return new FetchedItem(
                new TimelineKey(projectId.intValue(), userId, startTs),
                timestamp(item.path("endTs")),
                item.path("type").asText("UNKNOWN"),
                text(features.path("transport").path("type")),
                number(features.path("gpsStats").path("distance")),
                number(features.path("startLocation").path("latitude")),
                number(features.path("startLocation").path("longitude")),
                number(features.path("endLocation").path("latitude")),
                number(features.path("endLocation").path("longitude")),
                item.toString(),
                fetchedAt);
    }

    private static Instant timestamp(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
