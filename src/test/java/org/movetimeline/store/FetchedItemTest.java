package org.movetimeline.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.TimelineKey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FetchedItemTest {

    private static final JsonFactory JSON = new ObjectMapper().getFactory();
    private static final Instant FETCHED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void readsTheTypedColumnsAndKeepsTheBytesAsTheyCame() {
        byte[] raw = bytes("""
                {"projectId":1000, "userId":"u1", "startTs":"2020-10-16T12:13:00+02:00", "endTs":"2020-10-16T10:40:00Z",
                 "type":"CAR", "metas":{"type":"IGNORED"},
                 "features":{"scores":{"distance":1}, "transport":{"type":"CAR","probabilities":[{"type":"TRAIN"}]},
                   "gpsStats":{"distance":12345.5,"maxSpeed":30}, "drivingBehaviorEvents":[{"latitude":1}],
                   "startLocation":{"latitude":48.2,"longitude":16.37,"address":{"latitude":0}},
                   "endLocation":{"latitude":48.21,"longitude":16.4}, "energyEstimate":{"kwh":1.5}}}""");

        FetchedItem item = FetchedItem.from(JSON, raw, FETCHED);

        assertEquals(new TimelineKey(1000, "u1", Instant.parse("2020-10-16T10:13:00Z")), item.key());
        assertEquals(Instant.parse("2020-10-16T10:40:00Z"), item.endTs());
        assertEquals("CAR", item.type());
        assertEquals("CAR", item.transportType());
        assertEquals(12345.5, item.distanceMeters());
        assertEquals(48.2, item.startLat());
        assertEquals(16.37, item.startLon());
        assertEquals(48.21, item.endLat());
        assertEquals(16.4, item.endLon());
        assertArrayEquals(raw, item.raw());
        assertEquals(FETCHED, item.fetchedAt());
    }

    @Test
    void anItemWithoutGpsHasNoTypedFeatureColumns() {
        FetchedItem item = FetchedItem.from(JSON, bytes("""
                {"projectId":1000,"userId":"u1","startTs":"2020-10-16T10:13:00Z","features":{"transport":null,
                 "gpsStats":[1,2],"startLocation":"nowhere"}}"""), FETCHED);

        assertEquals("UNKNOWN", item.type());
        assertNull(item.endTs());
        assertNull(item.transportType());
        assertNull(item.distanceMeters());
        assertNull(item.startLat());
        assertNull(item.endLon());
    }

    @Test
    void anItemThatCannotBeKeyedIsRefusedWithTheReason() {
        var missingUser = assertThrows(IllegalArgumentException.class, () -> FetchedItem.from(JSON,
                bytes("{\"projectId\":1000,\"startTs\":\"2020-10-16T10:13:00Z\"}"), FETCHED));
        assertEquals("item without projectId, userId or startTs", missingUser.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FetchedItem.from(JSON,
                bytes("{\"projectId\":1000,\"userId\":\"u1\",\"startTs\":\"yesterday\"}"), FETCHED));
        assertThrows(IllegalArgumentException.class, () -> FetchedItem.from(JSON,
                bytes("{\"projectId\":\"1000\",\"userId\":\"u1\",\"startTs\":\"2020-10-16T10:13:00Z\"}"), FETCHED));
        var notAnObject = assertThrows(IllegalArgumentException.class, () -> FetchedItem.from(JSON, bytes("[1]"), FETCHED));
        assertEquals("item is not a JSON object", notAnObject.getMessage());
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
