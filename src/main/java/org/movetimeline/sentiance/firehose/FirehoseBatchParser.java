package org.movetimeline.sentiance.firehose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.receiver.NotificationBatchParser;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.FirehoseMessage.InvalidMessageException;
import org.movetimeline.timeline.TimelineNotification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an (inflated) Firehose body {@code {"data":[...]}} into usable messages and unusable parts. Each message keeps
 * the exact bytes it arrived as, sliced from the body by the parser's byte offsets, not re-serialised. Whatever the body
 * holds, the answer is a {@link ParsedDelivery}: an authenticated delivery is never refused for its content, since
 * Sentiance would only send it again.
 */
@ApplicationScoped
public class FirehoseBatchParser {

    private final ObjectMapper mapper;
    /** Reads one message; a repeated key fails the message instead of silently keeping its last value. */
    private final ObjectReader messageReader;

    @Inject
    public FirehoseBatchParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.messageReader = mapper.reader(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    public ParsedDelivery parse(String appId, byte[] body) {
        // Only UTF-8 keeps Jackson's byte offsets true slices of the body (receiver.NotificationBatchParser#notUtf8).
        String notUtf8 = NotificationBatchParser.notUtf8(body);
        if (notUtf8 != null) {
            return ParsedDelivery.unusable(body, notUtf8);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedDelivery.unusable(body, "body is not a JSON object");
            }
            ParsedDelivery delivery = null;
            boolean dataSeen = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean data = "data".equals(parser.currentName());
                if (data && dataSeen) {
                    return ParsedDelivery.unusable(body, "body has more than one \"data\" key");
                }
                dataSeen |= data;
                if (parser.nextToken() == JsonToken.START_ARRAY && data) {
                    delivery = readMessages(appId, parser, body);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return ParsedDelivery.unusable(body, "body is not JSON: content after the top-level object");
            }
            return delivery != null ? delivery : ParsedDelivery.unusable(body, "body has no \"data\" array");
        } catch (StreamConstraintsException e) {
            return ParsedDelivery.unusable(body, "body exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return ParsedDelivery.unusable(body, "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Jackson's other IOExceptions are verdicts on the input too; nothing here does I/O.
            return ParsedDelivery.unusable(body, "body is not JSON: " + e.getMessage());
        }
    }

    private ParsedDelivery readMessages(String appId, JsonParser parser, byte[] body) throws IOException {
        JsonStreamContext array = parser.getParsingContext();
        List<FirehoseMessage> usable = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            JsonNode message = null;
            String problem = null;
            String key = null;
            try {
                message = messageReader.readTree(parser);
            } catch (MismatchedInputException duplicateKey) {
                // The one mismatch a tree read reports (FAIL_ON_READING_DUP_TREE_KEY); skip to the message's end.
                problem = "duplicate key \"" + TimelineNotification.quoted(parser.currentName()) + "\"";
                while (parser.getParsingContext() != array && parser.nextToken() != null) {
                }
            }
            byte[] raw = Arrays.copyOfRange(body, start, (int) parser.currentLocation().getByteOffset());
            if (problem == null) {
                try {
                    usable.add(FirehoseMessage.from(appId, message, raw));
                    continue;
                } catch (InvalidMessageException e) {
                    problem = e.getMessage();
                    key = e.key();
                }
            }
            // As for MOVE: past this many, one record per stray element would outlast the publish timeout.
            if (rejected.size() == NotificationBatchParser.MAX_REJECTED_ITEMS) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                }
                return ParsedDelivery.unusable(body, "body has more than " + NotificationBatchParser.MAX_REJECTED_ITEMS
                        + " unusable messages");
            }
            rejected.add(new Rejected(key, raw, "data[" + index + "]: " + problem));
        }
        return new ParsedDelivery(usable, rejected);
    }

    /** A part of the body that cannot be published as a message, kept raw; {@code key} (appId:userId) is null when no user is known. */
    public record Rejected(String key, byte[] raw, String reason) {
    }

    public record ParsedDelivery(List<FirehoseMessage> usable, List<Rejected> rejected) {
        static ParsedDelivery unusable(byte[] body, String reason) {
            return new ParsedDelivery(List.of(), List.of(new Rejected(null, body, reason)));
        }
    }
}
