package org.movetimeline.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GpsPointTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static List<JsonNode> points(String json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        MAPPER.readTree(json).forEach(out::add);
        return out;
    }

    @Test
    void readsTimesCoordinatesAndOptionalFigures() throws Exception {
        List<GpsPoint> read = GpsPoint.fromJson(points("""
                [{"ts":"2026-01-01T10:00:00+01:00","lat":48.2,"lon":16.3,"speed":3.5,"accuracy":7},
                 {"lat":48.3,"lon":16.4,"speed":"fast"}]"""));

        assertEquals(new GpsPoint(Instant.parse("2026-01-01T09:00:00Z"), 48.2, 16.3, 3.5, 7.0), read.get(0));
        assertEquals(new GpsPoint(null, 48.3, 16.4, null, null), read.get(1));
    }

    @Test
    void aBadTimeIsNamedWithItsPoint() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> GpsPoint.fromJson(points("""
                [{"ts":"2026-01-01T10:00:00Z","lat":1,"lon":2},{"ts":"yesterday","lat":1,"lon":2}]""")));
        assertEquals("GPS point 1: ts is not an RFC 3339 timestamp: yesterday", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> GpsPoint.fromJson(points("[{\"ts\":17,\"lat\":1,\"lon\":2}]")));
        assertEquals("GPS point 0: ts is not a string: 17", e.getMessage());
    }

    @Test
    void aPointWithoutCoordinatesIsRefused() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> GpsPoint.fromJson(points("[{\"lat\":1}]")));
        assertEquals("GPS point 0: lat or lon missing or not a number", e.getMessage());
    }
}
