package org.movetimeline.ingest.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.movetimeline.ingest.moveapi.Rfc3339;
import org.movetimeline.ingest.moveapi.TimelineKey;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A full item as MOVE returned it, with the columns the table types out. The bytes are kept exactly as
 * they arrived: feature kinds no code knows yet are stored and forwarded untouched.
 */
public record FetchedItem(TimelineKey key, Instant endTs, String type, String transportType, Double distanceMeters,
                          Double startLat, Double startLon, Double endLat, Double endLon, byte[] raw,
                          Instant fetchedAt) {

    /**
     * Reads the typed columns from the item's bytes, streaming: the big feature kinds (GPS statistics
     * aside) are skipped, not built into a tree. {@code json} must come from an ObjectMapper.
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
                text(fields.transport.path("type")),
                number(fields.gpsStats.path("distance")),
                number(fields.startLocation.path("latitude")),
                number(fields.startLocation.path("longitude")),
                number(fields.endLocation.path("latitude")),
                number(fields.endLocation.path("longitude")),
                raw, fetchedAt);
    }

    /** What the item says about the typed columns; absent parts stay missing. */
    private static final class Fields {
        Integer projectId;
        String userId;
        Instant startTs;
        Instant endTs;
        String type;
        JsonNode transport = MissingNode.getInstance();
        JsonNode gpsStats = MissingNode.getInstance();
        JsonNode startLocation = MissingNode.getInstance();
        JsonNode endLocation = MissingNode.getInstance();
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
                case "transport" -> fields.transport = tree(parser);
                case "gpsStats" -> fields.gpsStats = tree(parser);
                case "startLocation" -> fields.startLocation = tree(parser);
                case "endLocation" -> fields.endLocation = tree(parser);
                default -> parser.skipChildren();
            }
        }
    }

    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonNode node = parser.readValueAsTree();
        return node == null ? MissingNode.getInstance() : node;
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

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
