package org.movetimeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.movetimeline.simulator.sentiance.FirehoseSender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * What the Sentiance phase's Firehose deliveries carried, keyed as the rows they must become (docs/DESIGN.md,
 * "Second source: Sentiance"): a transport by (app, user, event_id) in sentiance_transport, any other message by
 * (app, user, SHA-256 of its bytes) in sentiance_message; each with the time its first delivery was answered 200.
 * Fed from the sender's thread, read by the driver once the sender is done: synchronized.
 */
final class FirehoseLedger {

    /** The primary key of a row, less the table: {@code id} is the event_id or the digest. */
    record RowKey(String appId, String userId, String id) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<RowKey, Long> transports = new HashMap<>();
    private final Map<RowKey, Long> others = new HashMap<>();
    private final Set<String> types = new HashSet<>();
    private long messages;
    private long deliveries;
    private long lastAcceptedMillis;

    synchronized void accepted(FirehoseSender.Accepted delivery) {
        deliveries++;
        long at = delivery.at().toEpochMilli();
        lastAcceptedMillis = Math.max(lastAcceptedMillis, at);
        for (byte[] message : delivery.messages()) {
            messages++;
            JsonNode node = read(message);
            String type = node.path("meta").path("message_type").asText();
            String user = node.path("data").path("user_id").asText();
            types.add(type);
            if (type.equals("transport")) {
                transports.putIfAbsent(new RowKey(delivery.appId(), user, node.path("data").path("event_id").asText()), at);
            } else {
                others.putIfAbsent(new RowKey(delivery.appId(), user, sha256Hex(message)), at);
            }
        }
    }

    /** Distinct transports sent, with the first acceptance of each (epoch ms). */
    synchronized Map<RowKey, Long> transports() {
        return Map.copyOf(transports);
    }

    /** Distinct other messages sent, likewise. */
    synchronized Map<RowKey, Long> others() {
        return Map.copyOf(others);
    }

    /** Messages in accepted deliveries, repeats included. */
    synchronized long messages() {
        return messages;
    }

    synchronized long deliveries() {
        return deliveries;
    }

    /** When the last delivery was answered 200 (epoch ms); 0 before the first. */
    synchronized long lastAcceptedMillis() {
        return lastAcceptedMillis;
    }

    synchronized Set<String> types() {
        return Set.copyOf(types);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }

    private static JsonNode read(byte[] message) {
        try {
            return MAPPER.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException("the simulator sent a message that is not JSON: "
                    + new String(message, StandardCharsets.UTF_8), e);
        }
    }
}
