package org.movetimeline.sentiance.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.firehose.FirehoseBatchParser.ParsedDelivery;
import org.movetimeline.sentiance.firehose.FirehoseBatchParser.Rejected;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.sentiance.firehose.Firehose.delivery;
import static org.movetimeline.sentiance.firehose.Firehose.stationary;
import static org.movetimeline.sentiance.firehose.Firehose.transport;

class FirehoseBatchParserTest {

    private final FirehoseBatchParser parser = new FirehoseBatchParser(new ObjectMapper());

    private ParsedDelivery parse(String body) {
        return parser.parse("app", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messagesKeepTheirBytesAndAreReadForRouting() {
        String multiByte = "{\"meta\":{\"message_type\":\"moment\"},\"data\":{\"user_id\":\"Zoë-\uD83D\uDE97\"}}";
        ParsedDelivery delivery = parse("{\"other\":{\"data\":1}, \"data\": [" + transport("u1", "e1") + " ,\n"
                + multiByte + "," + stationary("u2") + "]}");
        assertTrue(delivery.rejected().isEmpty());
        List<FirehoseMessage> messages = delivery.usable();
        assertArrayEquals(transport("u1", "e1").getBytes(StandardCharsets.UTF_8), messages.get(0).raw());
        assertArrayEquals(multiByte.getBytes(StandardCharsets.UTF_8), messages.get(1).raw());
        assertEquals("app:u1", messages.get(0).recordKey());
        assertEquals("e1", messages.get(0).eventId());
        assertEquals("app:Zoë-\uD83D\uDE97", messages.get(1).recordKey());
        assertEquals("moment", messages.get(1).typeLabel());
        assertNull(messages.get(2).eventId(), "only a transport's event id is read");
    }

    @Test
    void anUnusableMessageIsRejectedAloneWithItsCause() {
        String nulEvent = "{\"meta\":{\"message_type\":\"transport\"},\"data\":{\"user_id\":\"u1\",\"event_id\":\"e\\u0000\"}}";
        String duplicate = "{\"meta\":{\"message_type\":\"transport\"},\"meta\":{},\"data\":{\"user_id\":\"u1\"}}";
        String numericUser = "{\"meta\":{\"message_type\":\"location\"},\"data\":{\"user_id\":7}}";
        String custom = "{\"meta\":{\"message_type\":\"brand_new\"},\"data\":{\"user_id\":\"u3\"}}";
        ParsedDelivery delivery = parse(delivery(List.of(nulEvent, duplicate, numericUser, custom)));
        assertEquals(List.of("data[0]: data.event_id holds a NUL character at index 1",
                        "data[1]: duplicate key \"meta\"",
                        "data[2]: data.user_id missing or not a non-empty string"),
                delivery.rejected().stream().map(Rejected::reason).toList());
        assertEquals("app:u1", delivery.rejected().get(0).key());
        assertArrayEquals(duplicate.getBytes(StandardCharsets.UTF_8), delivery.rejected().get(1).raw());
        assertEquals("other", delivery.usable().get(0).typeLabel(), "an undocumented type is kept, counted as other");
    }

    @Test
    void aBodyThatIsNotADeliveryIsRejectedWhole() {
        for (String[] body : new String[][]{
                {"[]", "body is not a JSON object"},
                {"{\"data\":{}}", "body has no \"data\" array"},
                {"{\"data\":[],\"data\":[]}", "body has more than one \"data\" key"},
                {"{\"data\":[]} {}", "body is not JSON: content after the top-level object"},
                {"\uFEFF{\"data\":[]}", "body starts with a byte order mark (UTF-8)"}}) {
            ParsedDelivery delivery = parse(body[0]);
            assertTrue(delivery.usable().isEmpty(), body[0]);
            assertEquals(1, delivery.rejected().size(), body[0]);
            assertEquals(body[1], delivery.rejected().get(0).reason());
            assertArrayEquals(body[0].getBytes(StandardCharsets.UTF_8), delivery.rejected().get(0).raw());
        }
        assertTrue(parse("{\"data\":[").rejected().get(0).reason().startsWith("body is not JSON"));
    }
}
