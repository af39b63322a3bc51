package org.movetimeline.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.movetimeline.timeline.Rfc3339;
import org.movetimeline.timeline.TimelineKey;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * A full item as MOVE returned it, with the columns the table types out. The bytes are kept exactly as
 * they arrived: feature kinds no code knows yet are stored and forwarded untouched.
 */
public record FetchedItem(TimelineKey key, Instant endTs, String type, String transportType, Double distanceMeters,
                          Double startLat, Double startLon, Double endLat, Double endLon, byte[] raw,
                          Instant fetchedAt) {

    /**
     * Reads the typed columns from the item's bytes, streaming: the big feature kinds (GPS statistics
     * aside) are skipped, not built into a tree.
     *
     * @throws IllegalArgumentException when the item is not a JSON object or lacks projectId, userId or a
     *                                  readable startTs
     */
    public static FetchedItem from(JsonFactory json, byte[] raw, Instant fetchedAt) {
        Fields fields = new Fields();
        try (JsonParser parser = json.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("item is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "projectId" -> fields.projectId = value == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() == JsonParser.NumberType.INT ? parser.getIntValue() : null;
                    case "userId" -> fields.userId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "startTs" -> fields.startTs = timestamp(parser, value);
                    case "endTs" -> fields.endTs = timestamp(parser, value);
                    case "type" -> fields.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "features" -> readFeatures(parser, value, fields);
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("item is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory item failed", e);
        }
        if (fields.projectId == null || fields.userId == null || fields.startTs == null) {
            throw new IllegalArgumentException("item without projectId, userId or startTs");
        }
        return new FetchedItem(new TimelineKey(fields.projectId, fields.userId, fields.startTs), fields.endTs,
                fields.type == null ? "UNKNOWN" : fields.type,
                fields.transport.get("type") instanceof String text ? text : null,
                number(fields.gpsStats, "distance"),
                number(fields.startLocation, "latitude"),
                number(fields.startLocation, "longitude"),
                number(fields.endLocation, "latitude"),
                number(fields.endLocation, "longitude"),
                raw, fetchedAt);
    }

    /** What the item says about the typed columns; absent parts stay missing. */
    private static final class Fields {
        Integer projectId;
        String userId;
        Instant startTs;
        Instant endTs;
        String type;
        Map<String, Object> transport = Map.of();
        Map<String, Object> gpsStats = Map.of();
        Map<String, Object> startLocation = Map.of();
        Map<String, Object> endLocation = Map.of();
    }

    private static void readFeatures(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "transport" -> fields.transport = scalars(parser);
                case "gpsStats" -> fields.gpsStats = scalars(parser);
                case "startLocation" -> fields.startLocation = scalars(parser);
                case "endLocation" -> fields.endLocation = scalars(parser);
                default -> parser.skipChildren();
            }
        }
    }

    /** The strings and numbers directly inside the object at hand; nested values are skipped. */
    private static Map<String, Object> scalars(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Map.of();
        }
        Map<String, Object> values = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                values.put(name, parser.getText());
            } else if (value.isNumeric()) {
                values.put(name, parser.getDoubleValue());
            } else {
                parser.skipChildren();
            }
        }
        return values;
    }

    private static Instant timestamp(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            parser.skipChildren();
            return null;
        }
        try {
            return Rfc3339.parse(parser.getText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double number(Map<String, Object> values, String name) {
        return values.get(name) instanceof Double number ? number : null;
    }
}
