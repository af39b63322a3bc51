package org.movetimeline.timeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One item the Timeline Notifier announced, with the bytes it arrived as. The bytes travel on
 * unchanged; the parsed fields are what the pipeline needs to route and fetch the item.
 */
public record TimelineNotification(int projectId, String userId, Instant startTime, byte[] raw) {

    /**
     * A longer userId could never be a key of timeline_item (PostgreSQL's index entries end near 2.7 kB), and the
     * Kafka key repeats it beside the raw item, which must fit one request.
     */
    public static final int MAX_USER_ID_LENGTH = 1024;
    /** Reasons travel as a Kafka header beside the raw bytes, so a value quoted in one is cut to this length. */
    private static final int MAX_QUOTED_LENGTH = 64;

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
        if (userId.textValue().length() > MAX_USER_ID_LENGTH) {
            throw new InvalidNotificationException("userId longer than " + MAX_USER_ID_LENGTH + " characters");
        }
        int surrogate = loneSurrogate(userId.textValue());
        if (surrogate >= 0) {
            // UTF-8 cannot carry it: the Kafka key and the table would both hold a '?' in its place.
            throw new InvalidNotificationException("userId is not valid Unicode: a lone surrogate at index " + surrogate);
        }
        JsonNode startTime = item.get("startTime");
        if (startTime == null || !startTime.isTextual()) {
            throw new InvalidNotificationException("startTime missing or not a string");
        }
        Instant start;
        try {
            start = Rfc3339.parse(startTime.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException("startTime is not an RFC 3339 timestamp: " + quoted(startTime.asText()));
        }
        return new TimelineNotification(projectId.intValue(), userId.asText(), start, raw);
    }

    /** The index of the first surrogate char that is not half of a pair, or -1. */
    public static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code value} as a reason may quote it: its start only, when it is long. */
    public static String quoted(String value) {
        return value.length() <= MAX_QUOTED_LENGTH ? value
                : value.substring(0, MAX_QUOTED_LENGTH) + "... (" + value.length() + " characters)";
    }

    public static final class InvalidNotificationException extends RuntimeException {
        public InvalidNotificationException(String message) {
            super(message);
        }
    }
}
