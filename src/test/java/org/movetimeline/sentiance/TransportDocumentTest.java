package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void carriesTheTypedColumnsAndTheEventAsSentianceWroteIt() throws Exception {
        FetchedTransport transport = FetchedTransportTest.from(FetchedTransportTest.MESSAGE,
                FetchedTransportTest.EVENT, FetchedTransportTest.SCORES, List.of());

        byte[] document = TransportDocument.toJson(JSON.getFactory(), transport);
        JsonNode tree = JSON.readTree(document);

        assertEquals("app-a", tree.get("app_id").asText());
        assertEquals("u1", tree.get("user_id").asText());
        assertEquals("e1", tree.get("event_id").asText());
        assertEquals("2026-07-01T05:58:30.500Z", tree.get("start").asText());
        assertEquals("2026-07-01T06:41:00Z", tree.get("end").asText());
        assertEquals("car", tree.get("mode").asText());
        assertEquals(52000.5, tree.get("distance_m").asDouble());
        assertEquals(50.1, tree.at("/start_location/latitude").asDouble());
        assertEquals(4.8, tree.at("/end_location/longitude").asDouble());
        assertEquals(0.79, tree.at("/scores/overall").asDouble());
        assertTrue(tree.at("/scores/focus").isNull(), "-1 is published as null");
        assertEquals(13, tree.get("scores").size());
        assertEquals(JSON.readTree(FetchedTransportTest.EVENT), tree.get("event"), "the object, not the array");
        assertTrue(new String(document, StandardCharsets.UTF_8).contains(FetchedTransportTest.EVENT), "the event's own bytes");
    }

    @Test
    void absentValuesAreNull() throws Exception {
        FetchedTransport transport = FetchedTransportTest.from(
                "{\"data\":{\"user_id\":\"u1\",\"event_id\":\"e1\"}}", "{\"start\":\"2026-07-01T08:00:00Z\"}", null, List.of());

        JsonNode tree = JSON.readTree(TransportDocument.toJson(JSON.getFactory(), transport));

        assertTrue(tree.get("end").isNull());
        assertTrue(tree.get("mode").isNull());
        assertTrue(tree.get("distance_m").isNull());
        assertTrue(tree.get("start_location").isNull());
        assertTrue(tree.at("/scores/overall").isNull());
    }
}
