package org.movetimeline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.movetimeline.simulator.Notification;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * MOVE's identity of a timeline item, (projectId, userId, start), as the primary key of {@code timeline_item} has it.
 * The chaos soak compares the items the notifier got acknowledged with what it finds in the table, on
 * {@code move.timeline.items} and on the DLQ by this key alone, read from the records' JSON, so that it does not
 * depend on how the service builds them.
 */
record ItemKey(int projectId, String userId, long startEpochSecond) {

    private static final JsonFactory JSON = new JsonFactory();

    static ItemKey of(Notification.Item item) {
        return new ItemKey(item.projectId(), item.userId(), OffsetDateTime.parse(item.startTime()).toEpochSecond());
    }

    /**
     * The key of a JSON object with top-level {@code projectId}, {@code userId} and a start time: {@code startTs}
     * (a full item, as on {@code move.timeline.items}) or {@code startTime} (a notification, as the ingest side
     * dead-letters it). Empty for anything else: not JSON, not an object, a field missing or of the wrong type.
     * Stops reading once the three are found; nested values are skipped, not parsed.
     */
    static Optional<ItemKey> fromJson(byte[] json) {
        if (json == null || json.length == 0) {
            return Optional.empty();
        }
        Integer projectId = null;
        String userId = null;
        String start = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren(); // an object or array: never one of the three, whatever its name
                    continue;
                }
                switch (field) {
                    case "projectId" -> projectId = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "userId" -> userId = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "startTs", "startTime" -> start = value == JsonToken.VALUE_STRING ? parser.getText() : start;
                    default -> {
                        // a scalar of another field
                    }
                }
                if (projectId != null && userId != null && start != null) {
                    return Optional.of(new ItemKey(projectId, userId, OffsetDateTime.parse(start).toEpochSecond()));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException notAnItem) { // malformed JSON, a bad timestamp, a huge number
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return projectId + "/" + userId + "@" + startEpochSecond;
    }
}
