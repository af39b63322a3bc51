package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A Firehose message of a type other than transport (or one no code knows), kept as it came. {@code digest} is the
 * SHA-256 of the bytes in hex, so a redelivered message is the same row.
 */
public record RawMessage(String appId, String userId, String messageType, Instant messageTs, String digest,
                         byte[] bytes) {

    /**
     * An unreadable {@code message_timestamp} is stored as null rather than refused: the message is still worth
     * keeping, and its bytes hold the text.
     *
     * @throws IllegalArgumentException when the message is not JSON or lacks meta.message_type or data.user_id
     */
    public static RawMessage from(ObjectMapper json, String appId, byte[] bytes) {
        JsonNode message = SentianceJson.tree(json, bytes, "message");
        if (!message.isObject()) {
            throw new IllegalArgumentException("message is not a JSON object");
        }
        JsonNode meta = SentianceJson.object(message, "meta", "message");
        JsonNode data = SentianceJson.object(message, "data", "message");
        Instant ts;
        try {
            ts = SentianceJson.timestamp(meta, "message_timestamp", "message meta");
        } catch (IllegalArgumentException unreadable) {
            ts = null;
        }
        return new RawMessage(appId, SentianceJson.requiredText(data, "user_id", "message data"),
                SentianceJson.requiredText(meta, "message_type", "message meta"), ts, sha256(bytes), bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
