package org.movetimeline.sentiance.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.movetimeline.ingest.Failure;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.RawMessage;
import org.movetimeline.sentiance.SentianceKey;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage of a poll batch, pure: reads each Firehose record, splits transports (to fetch, a repeat delivery of
 * an event once) from the other types (to keep raw); a record that is no usable message is a failure for the DLQ at
 * once, with the reason.
 */
final class MessageParser {

    /** The tag of a record whose app or type cannot be read. */
    static final String UNKNOWN = "unknown";

    private final ObjectMapper mapper;

    MessageParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Transports to fetch by app in first-seen order, messages to keep raw, and the records that cannot be read. */
    record Parsed(Map<String, List<PendingTransport>> transportsByApp, List<PendingRaw> others, List<Failure> unreadable) {
    }

    /** The app of a failure's record, from its key {@code appId:userId}, for the metrics' tag. */
    static String appOf(Failure failure) {
        String key = failure.key();
        int colon = key == null ? -1 : key.indexOf(':');
        return colon > 0 ? key.substring(0, colon) : UNKNOWN;
    }

    /** The type tag of a record's bytes for the metrics: meta.message_type's label, {@link #UNKNOWN} without one. */
    String typeOf(byte[] raw) {
        try {
            JsonNode type = raw == null ? null : mapper.readTree(raw).path("meta").path("message_type");
            return type == null || !type.isTextual() ? UNKNOWN : FirehoseMessage.typeLabel(type.asText());
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    Parsed parse(List<ConsumerRecord<String, byte[]>> batch) {
        Map<SentianceKey, PendingTransport> transports = new LinkedHashMap<>();
        List<PendingRaw> others = new ArrayList<>();
        List<Failure> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            int attempts = (int) RecordHeaders.getLong(record.headers(), RecordHeaders.ATTEMPT, 0);
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            try {
                String appId = appId(record);
                JsonNode tree = tree(record);
                FirehoseMessage message = FirehoseMessage.from(appId, tree, record.value());
                if (FirehoseMessage.TRANSPORT.equals(message.type())) {
                    JsonNode mode = tree.path("data").path("mode");
                    PendingTransport pending = new PendingTransport(new SentianceKey(appId, message.userId(),
                            message.eventId()), mode.isTextual() ? mode.asText() : null, record.value(), attempts);
                    // A repeat delivery of an event is fetched once; the copy with the fewest attempts sets the budget.
                    transports.merge(pending.key(), pending, (a, b) -> a.attempts() < b.attempts() ? a : b);
                } else {
                    others.add(new PendingRaw(RawMessage.from(mapper, appId, record.value()), attempts));
                }
            } catch (IllegalArgumentException | FirehoseMessage.InvalidMessageException e) {
                unreadable.add(new Failure(record.key(), record.value(), attempts,
                        "unreadable Firehose message at " + where + ": " + e.getMessage(), false));
            }
        }
        Map<String, List<PendingTransport>> byApp = new LinkedHashMap<>();
        transports.values().forEach(p -> byApp.computeIfAbsent(p.key().appId(), k -> new ArrayList<>()).add(p));
        return new Parsed(byApp, others, unreadable);
    }

    /** The header the receiver writes, else the key's part before the first colon. */
    private static String appId(ConsumerRecord<String, byte[]> record) {
        String header = RecordHeaders.get(record.headers(), SentianceRecords.APP_ID);
        if (header != null && !header.isBlank()) {
            return header;
        }
        int colon = record.key() == null ? -1 : record.key().indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no " + SentianceRecords.APP_ID + " header and no appId:userId key");
        }
        return record.key().substring(0, colon);
    }

    private JsonNode tree(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("record without a value");
        }
        try {
            return mapper.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory record failed", e);
        }
    }
}
