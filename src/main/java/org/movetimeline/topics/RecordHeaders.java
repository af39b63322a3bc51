package org.movetimeline.topics;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/** Names and helpers of the headers that retry and dead-letter records carry (trace headers: {@link Tracing}). */
public final class RecordHeaders {

    /** Why a record is on the DLQ (or why its last attempt failed). */
    public static final String REASON = "move-reason";
    /** How many fetch attempts a notification has had. */
    public static final String ATTEMPT = "move-attempt";
    /** Epoch millis before which a retry record must not be tried again. */
    public static final String NOT_BEFORE = "move-not-before";
    /** Which stage dead-lettered the record: receiver or ingest. */
    public static final String SOURCE = "move-source";

    private RecordHeaders() {
    }

    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of {@code name}; null when there is none, or it has no value (other producers write such). */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static long getLong(Headers headers, String name, long fallback) {
        String value = get(headers, name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
