package org.movetimeline.ingest.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.ingest.notify.TimelineNotification;
import org.movetimeline.ingest.notify.TimelineNotification.InvalidNotificationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a signed notifier body into usable items and unusable parts. Each item keeps the exact
 * bytes it arrived as (sliced from the body, not re-serialised), so what goes to Kafka is what MOVE sent.
 */
@ApplicationScoped
public class NotificationBatchParser {

    private final ObjectMapper mapper;

    @Inject
    public NotificationBatchParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ParsedBatch parse(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedBatch.unusable(body, "body is not a JSON object");
            }
            ParsedBatch batch = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("items".equals(field) && value == JsonToken.START_ARRAY && batch == null) {
                    batch = readItems(parser, body);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return ParsedBatch.unusable(body, "body is not JSON: content after the top-level object");
            }
            return batch != null ? batch : ParsedBatch.unusable(body, "body has no \"items\" array");
        } catch (JsonProcessingException e) {
            return ParsedBatch.unusable(body, "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory body failed", e);
        }
    }

    private ParsedBatch readItems(JsonParser parser, byte[] body) throws IOException {
        List<TimelineNotification> usable = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            JsonNode item = parser.readValueAsTree();
            int end = (int) parser.currentLocation().getByteOffset();
            byte[] raw = Arrays.copyOfRange(body, start, end);
            try {
                usable.add(TimelineNotification.from(item, raw));
            } catch (InvalidNotificationException e) {
                rejected.add(new Rejected(raw, "items[" + index + "]: " + e.getMessage()));
            }
            index++;
        }
        return new ParsedBatch(usable, rejected);
    }

    /** A part of the body that cannot be published as a notification, kept raw. */
    public record Rejected(byte[] raw, String reason) {
    }

    public record ParsedBatch(List<TimelineNotification> usable, List<Rejected> rejected) {
        static ParsedBatch unusable(byte[] body, String reason) {
            return new ParsedBatch(List.of(), List.of(new Rejected(body, reason)));
        }
    }
}
