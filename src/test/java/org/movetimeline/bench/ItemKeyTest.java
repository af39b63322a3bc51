package org.movetimeline.bench;

import org.junit.jupiter.api.Test;
import org.movetimeline.simulator.Notification;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The soak recognises items on the topics by their JSON only; what it cannot read must not count as an item. */
class ItemKeyTest {

    private static final ItemKey KEY = new ItemKey(1000, "u0001", 1_767_226_860L); // 2026-01-01T00:21:00Z

    private static Optional<ItemKey> parse(String json) {
        return ItemKey.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFullItemAndANotificationOfTheSameItemHaveTheSameKey() {
        assertEquals(Optional.of(KEY), parse("""
                {"projectId":1000,"userId":"u0001","startTs":"2026-01-01T00:21:00Z","endTs":"2026-01-01T00:48:00Z",
                 "type":"CAR","features":{"startLocation":{"latitude":48.2}}}"""));
        assertEquals(Optional.of(KEY), parse("""
                {"type":"CAR","features":{"projectId":7,"userId":"x","startTs":"1999-01-01T00:00:00Z"},
                 "startTime":"2026-01-01T01:21:00+01:00","userId":"u0001","projectId":1000}"""),
                "any order, nested fields of the same names ignored, offsets honoured");
        assertEquals(KEY, ItemKey.of(new Notification.Item(1000, "u0001", "2026-01-01T00:21:00Z",
                "2026-01-01T00:48:00Z", "CAR")));
    }

    @Test
    void whatIsNotAnItemHasNoKey() {
        assertEquals(Optional.empty(), parse("{\"items\":[{\"projectId\":1000}]}"));
        assertEquals(Optional.empty(), parse("{\"projectId\":\"1000\",\"userId\":\"u0001\",\"startTs\":\"2026-01-01T00:21:00Z\"}"));
        assertEquals(Optional.empty(), parse("{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":\"yesterday\"}"));
        assertEquals(Optional.empty(), parse("{\"projectId\":{\"projectId\":1000,\"userId\":\"u0001\",\"startTs\":\"2026-01-01T00:21:00Z\"}}"));
        assertEquals(Optional.empty(), parse("[1,2]"));
        assertEquals(Optional.empty(), parse("not json"));
        assertEquals(Optional.empty(), parse("{\"projectId\":1000,\"userId\":\"u0001\""));
        assertEquals(Optional.empty(), ItemKey.fromJson(null));
        assertEquals(Optional.empty(), ItemKey.fromJson(new byte[0]));
    }
}
