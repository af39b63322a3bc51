package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RawMessageTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTypeUserAndTimeAndDigestsTheBytes() {
        byte[] bytes = "{\"meta\":{\"message_type\":\"stationary\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\"},\"data\":{\"user_id\":\"u1\"}}"
                .getBytes(StandardCharsets.UTF_8);

        RawMessage message = RawMessage.from(JSON, "app-a", bytes);

        assertEquals("app-a", message.appId());
        assertEquals("u1", message.userId());
        assertEquals("stationary", message.messageType());
        assertEquals(Instant.parse("2026-07-01T08:00:00Z"), message.messageTs());
        assertEquals(64, message.digest().length());
        assertEquals(RawMessage.sha256(bytes), message.digest());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RawMessage.sha256(new byte[0]));
    }

    @Test
    void anUnreadableTimestampIsKeptAsNoneButAMessageWithoutTypeOrUserIsRefused() {
        assertNull(RawMessage.from(JSON, "app-a", bytes("{\"meta\":{\"message_type\":\"moment\",\"message_timestamp\":\"soon\"},\"data\":{\"user_id\":\"u1\"}}")).messageTs());
        assertEquals("message meta: message_type is missing", assertThrows(IllegalArgumentException.class,
                () -> RawMessage.from(JSON, "app-a", bytes("{\"meta\":{},\"data\":{\"user_id\":\"u1\"}}"))).getMessage());
        assertEquals("message data: user_id is missing", assertThrows(IllegalArgumentException.class,
                () -> RawMessage.from(JSON, "app-a", bytes("{\"meta\":{\"message_type\":\"moment\"},\"data\":{}}"))).getMessage());
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
