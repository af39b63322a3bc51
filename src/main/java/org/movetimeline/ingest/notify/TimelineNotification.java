package org.movetimeline.ingest.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.ingest.moveapi.Rfc3339;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One item the Timeline Notifier announced, with the bytes it arrived as. The bytes travel on
 * unchanged; the parsed fields are what the pipeline needs to route and fetch the item.
 */
public record TimelineNotification(int projectId, String userId, Instant startTime, byte[] raw) {

    /** Kafka key: all of one user's items land on one partition, in order. */
    public String key() {
        return recordKey(projectId, userId);
    }

    public static String recordKey(int projectId, String userId) {
        return projectId + ":" + userId;
    }

    /**
     * Reads one announced item, or says precisely why it cannot be used.
     *
     * @throws InvalidNotificationException when projectId, userId or startTime is missing or malformed
     */
    public static TimelineNotification from(JsonNode item, byte[] raw) {
        if (item == null || !item.isObject()) {
            throw new InvalidNotificationException("item is not a JSON object");
        }
        JsonNode projectId = item.get("projectId");
        if (projectId == null || !projectId.isIntegralNumber() || !projectId.canConvertToInt()) {
            throw new InvalidNotificationException("projectId missing or not an integer");
        }
        JsonNode userId = item.get("userId");
        if (userId == null || !userId.isTextual() || userId.asText().isBlank()) {
            throw new InvalidNotificationException("userId missing or not a non-empty string");
        }
        JsonNode startTime = item.get("startTime");
        if (startTime == null || !startTime.isTextual()) {
            throw new InvalidNotificationException("startTime missing or not a string");
        }
        Instant start;
        try {
            start = Rfc3339.parse(startTime.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException("startTime is not an RFC 3339 timestamp: " + startTime.asText());
        }
        return new TimelineNotification(projectId.intValue(), userId.asText(), start, raw);
    }

    public static final class InvalidNotificationException extends RuntimeException {
        public InvalidNotificationException(String message) {
            super(message);
        }
    }
}
