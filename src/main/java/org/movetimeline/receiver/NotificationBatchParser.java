package org.movetimeline.receiver;

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
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.timeline.TimelineNotification.InvalidNotificationException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a signed notifier body into usable items and unusable parts. Each item keeps the exact
 * bytes it arrived as (sliced from the body, not re-serialised), so what goes to Kafka is what MOVE sent.
 * Whatever the body holds, the answer is a {@link ParsedBatch}: the receiver must never fail a signed body.
 */
@ApplicationScoped
public class NotificationBatchParser {

    /**
     * More unusable items than this and the body goes to the DLQ whole: one record per stray {@code 0} of a 4 MB
     * body would be two million records, more than Kafka takes within the publish timeout.
     */
    public static final int MAX_REJECTED_ITEMS = 1000;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final ObjectMapper mapper;
    /** Reads one item; a repeated key fails the item instead of silently keeping its last value. */
    private final ObjectReader itemReader;

    @Inject
    public NotificationBatchParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.itemReader = mapper.reader(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    public ParsedBatch parse(byte[] body) {
        String notUtf8 = notUtf8(body);
        if (notUtf8 != null) {
            return ParsedBatch.unusable(body, notUtf8);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ParsedBatch.unusable(body, "body is not a JSON object");
            }
            ParsedBatch batch = null;
            boolean itemsSeen = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean items = "items".equals(parser.currentName());
                if (items && itemsSeen) {
                    return ParsedBatch.unusable(body, "body has more than one \"items\" key");
                }
                itemsSeen |= items;
                if (parser.nextToken() == JsonToken.START_ARRAY && items) {
                    batch = readItems(parser, body);
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return ParsedBatch.unusable(body, "body is not JSON: content after the top-level object");
            }
            return batch != null ? batch : ParsedBatch.unusable(body, "body has no \"items\" array");
        } catch (StreamConstraintsException e) {
            return ParsedBatch.unusable(body, "body exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return ParsedBatch.unusable(body, "body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Jackson's other IOExceptions (CharConversionException) are verdicts on the input too; nothing here does I/O.
            return ParsedBatch.unusable(body, "body is not JSON: " + e.getMessage());
        }
    }

    /** The items of the array at hand, each published or rejected; the body whole if too many are unusable. */
    private ParsedBatch readItems(JsonParser parser, byte[] body) throws IOException {
        JsonStreamContext array = parser.getParsingContext();
        List<TimelineNotification> usable = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            JsonNode item = null;
            String problem = null;
            try {
                item = itemReader.readTree(parser);
            } catch (MismatchedInputException duplicateKey) {
                // The one mismatch a tree read reports (FAIL_ON_READING_DUP_TREE_KEY); skip to the item's end.
                problem = "duplicate key \"" + TimelineNotification.quoted(parser.currentName()) + "\"";
                while (parser.getParsingContext() != array && parser.nextToken() != null) {
                }
            }
            byte[] raw = Arrays.copyOfRange(body, start, (int) parser.currentLocation().getByteOffset());
            if (problem == null) {
                try {
                    usable.add(TimelineNotification.from(item, raw));
                    continue;
                } catch (InvalidNotificationException e) {
                    problem = e.getMessage();
                }
            }
            if (rejected.size() == MAX_REJECTED_ITEMS) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                }
                return ParsedBatch.unusable(body, "body has more than " + MAX_REJECTED_ITEMS + " unusable items");
            }
            rejected.add(new Rejected(raw, "items[" + index + "]: " + problem));
        }
        return new ParsedBatch(usable, rejected);
    }

    /**
     * Why {@code body} is not UTF-8, or null. JSON must be (RFC 8259); and Jackson would otherwise decode UTF-16
     * and UTF-32, skip a byte order mark and pass overlong forms and surrogates, and its byte offsets would no
     * longer slice the body.
     */
    public static String notUtf8(byte[] body) {
        String bom = startsWith(body, 0xEF, 0xBB, 0xBF) ? "UTF-8"
                : startsWith(body, 0x00, 0x00, 0xFE, 0xFF) ? "UTF-32BE"
                : startsWith(body, 0xFF, 0xFE, 0x00, 0x00) ? "UTF-32LE"
                : startsWith(body, 0xFE, 0xFF) ? "UTF-16BE"
                : startsWith(body, 0xFF, 0xFE) ? "UTF-16LE" : null;
        if (bom != null) {
            return "body starts with a byte order mark (" + bom + ")";
        }
        // JSON text never holds a NUL byte; one among the first two is how UTF-16 and UTF-32 show (Jackson's detection).
        if (body.length >= 2 && (body[0] == 0 || body[1] == 0)) {
            String detected = body[0] == 0 ? (body[1] == 0 ? "UTF-32BE" : "UTF-16BE")
                    : body.length >= 4 && body[2] == 0 && body[3] == 0 ? "UTF-32LE" : "UTF-16LE";
            return "body is not UTF-8 JSON: detected " + detected;
        }
        int malformed = firstMalformedUtf8(body);
        return malformed < 0 ? null : "body is not UTF-8 JSON: malformed UTF-8 at byte " + malformed;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: shortest forms only, no
     * surrogates, nothing past U+10FFFF), or -1. ASCII, nearly all of a body, is checked eight bytes at a time.
     */
    static int firstMalformedUtf8(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int lead = b[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > n) {
                return i;
            }
            // The second byte's range is what rules out overlong forms, surrogates and code points past U+10FFFF.
            int second = b[i + 1] & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
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
