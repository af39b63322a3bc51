package org.movetimeline.sentiance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.movetimeline.timeline.Rfc3339;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reading Sentiance's JSON (Firehose messages, REST answers) with a reason naming the part and the field when a
 * value is unusable: the consumer dead-letters with that reason.
 */
final class SentianceJson {

    private SentianceJson() {
    }

    static JsonNode tree(ObjectMapper json, byte[] bytes, String what) {
        try {
            JsonNode tree = json.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading in-memory JSON failed", e);
        }
    }

    static JsonNode object(JsonNode parent, String field, String what) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(what + ": " + field + " is missing or not an object");
        }
        return value;
    }

    /** True when the field holds a value (JSON null counts as absent). */
    static boolean present(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value != null && !value.isNull();
    }

    /** The string, or null when absent. */
    static String text(JsonNode object, String field, String what) {
        if (!present(object, field)) {
            return null;
        }
        JsonNode value = object.get(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(what + ": " + field + " is not a string: " + value);
        }
        return value.asText();
    }

    static String requiredText(JsonNode object, String field, String what) {
        String value = text(object, field, what);
        if (value == null) {
            throw new IllegalArgumentException(what + ": " + field + " is missing");
        }
        return value;
    }

    /** The number, or null when absent. */
    static Double number(JsonNode object, String field, String what) {
        if (!present(object, field)) {
            return null;
        }
        JsonNode value = object.get(field);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(what + ": " + field + " is not a number: " + value);
        }
        return value.asDouble();
    }

    /** The ISO 8601 date-time with offset, as Sentiance writes them; null when absent. */
    static Instant timestamp(JsonNode object, String field, String what) {
        String value = text(object, field, what);
        if (value == null) {
            return null;
        }
        try {
            return Rfc3339.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": " + field + " is not an ISO 8601 date-time with offset: " + value);
        }
    }
}
