package org.movetimeline.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.timeline.TimelineKey;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /v20/timeline/batch}: a JSON array of
 * {@code {"projectId":1000,"userId":"u1","startTs":"2020-10-16T10:13:00Z"}}. Anything else is a
 * client error, reported with a message saying which element is wrong.
 */
final class BatchRequestParser {

    static final class BadRequestException extends Exception {
        BadRequestException(String message) {
            super(message);
        }
    }

    private BatchRequestParser() {
    }

    static List<TimelineKey> parse(byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("body is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new BadRequestException("body must be a JSON array of {projectId, userId, startTs}");
        }
        List<TimelineKey> keys = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode key = root.get(i);
            JsonNode projectId = key.get("projectId");
            JsonNode userId = key.get("userId");
            JsonNode startTs = key.get("startTs");
            if (!key.isObject() || projectId == null || !projectId.canConvertToInt() || !projectId.isIntegralNumber()
                    || userId == null || !userId.isTextual() || startTs == null || !startTs.isTextual()) {
                throw new BadRequestException("element " + i + " must be {projectId: int, userId: string, startTs: RFC 3339}");
            }
            keys.add(new TimelineKey(projectId.intValue(), userId.textValue(), instant(startTs.textValue(), i)));
        }
        return keys;
    }

    private static Instant instant(String text, int index) throws BadRequestException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("element " + index + ": startTs '" + text + "' is not RFC 3339");
        }
    }
}
