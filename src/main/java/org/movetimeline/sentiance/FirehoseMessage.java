package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.timeline.TimelineNotification;

import java.util.Set;

/**
 * One message of a Firehose delivery ({@code {"meta":{"message_type":...},"data":{"user_id":...}}}), with the bytes it
 * arrived as. The bytes travel on unchanged; the parsed fields are what the pipeline needs to route it and, for a
 * transport, to fetch the event.
 *
 * @param eventId the transport's {@code data.event_id}; null for other message types
 */
public record FirehoseMessage(String appId, String userId, String type, String eventId, byte[] raw) {

    public static final String TRANSPORT = "transport";
    /** The message types Sentiance documents; any other is kept all the same, counted as "other". */
    public static final Set<String> KNOWN_TYPES = Set.of(TRANSPORT, "stationary", "location", "moment", "event_prediction");

    /** Kafka key: all of one user's messages land on one partition, in order. */
    public String recordKey() {
        return recordKey(appId, userId);
    }

    public static String recordKey(String appId, String userId) {
        return appId + ":" + userId;
    }

    /** {@link #type} when Sentiance documents it, else "other": a metric label must not take any value a sender makes up. */
    public String typeLabel() {
        return typeLabel(type);
    }

    /** {@code type} when Sentiance documents it, else "other". */
    public static String typeLabel(String type) {
        return KNOWN_TYPES.contains(type) ? type : "other";
    }

    /**
     * Reads one message of app {@code appId}, or says precisely why it cannot be used.
     *
     * @throws InvalidMessageException with the cause, and the key when the user is known
     */
    public static FirehoseMessage from(String appId, JsonNode message, byte[] raw) {
        if (message == null || !message.isObject()) {
            throw new InvalidMessageException("message is not a JSON object", null);
        }
        JsonNode type = message.path("meta").path("message_type");
        if (!type.isTextual() || type.textValue().isBlank()) {
            throw new InvalidMessageException("meta.message_type missing or not a non-empty string", null);
        }
        JsonNode data = message.path("data");
        String userId = usableText(data.path("user_id"), "data.user_id", null);
        String key = recordKey(appId, userId);
        String eventId = null;
        if (TRANSPORT.equals(type.textValue())) {
            eventId = usableText(data.path("event_id"), "data.event_id", key);
        }
        return new FirehoseMessage(appId, userId, type.textValue(), eventId, raw);
    }

    /** The text of an id that goes into a Kafka key, a URL path and a primary key. */
    private static String usableText(JsonNode value, String name, String key) {
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new InvalidMessageException(name + " missing or not a non-empty string", key);
        }
        String text = value.textValue();
        if (text.length() > TimelineNotification.MAX_USER_ID_LENGTH) {
            throw new InvalidMessageException(name + " longer than " + TimelineNotification.MAX_USER_ID_LENGTH + " characters", key);
        }
        int surrogate = TimelineNotification.loneSurrogate(text);
        if (surrogate >= 0) {
            // UTF-8 cannot carry it: the Kafka key and the table would both hold a '?' in its place.
            throw new InvalidMessageException(name + " is not valid Unicode: a lone surrogate at index " + surrogate, key);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            // PostgreSQL text cannot hold NUL.
            throw new InvalidMessageException(name + " holds a NUL character at index " + nul, key);
        }
        return text;
    }

    /** Why a message is unusable; {@code key} is its record key when the user could be read, else null. */
    public static final class InvalidMessageException extends RuntimeException {
        private final String key;

        public InvalidMessageException(String message, String key) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
