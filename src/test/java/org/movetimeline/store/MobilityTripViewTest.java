package org.movetimeline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Rows;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The view mobility_trip: MOVE's and Sentiance's trips in one vocabulary, non-trips left out. */
@QuarkusTest
class MobilityTripViewTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "both-sdks";
    static final Instant START = Instant.parse("2026-07-02T08:00:00.123456Z");

    @Inject
    TimelineItemRepository items;
    @Inject
    SentianceTransportRepository transports;

    @Test
    void tripsOfBothSourcesSideBySide() {
        ObjectNode driving = FakeMoveApi.tripItem(1000, USER, START, "DRIVING");
        ((ObjectNode) driving.path("features").path("transport")).put("type", "CAR");
        ObjectNode idle = FakeMoveApi.tripItem(1000, USER, START.plusSeconds(3600), "IDLE");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            items.upsertAll(List.of(FetchedItem.from(JSON.getFactory(), bytes(driving.toString()), now),
                    FetchedItem.from(JSON.getFactory(), bytes(idle.toString()), now)));
            transports.upsertAll(List.of(
                    SentianceStoreTest.transport(USER, "s-car", "car", START.plusSeconds(7200), now, "n"),
                    SentianceStoreTest.transport(USER, "s-bike", "biking", START.plusSeconds(9000), now, "n")));
        });

        List<Map<String, Object>> trips = Rows.query("SELECT source, tenant, trip_key, start_ts, mode, source_mode, distance_m,"
                + " start_lat, end_lon FROM mobility_trip WHERE user_id = ? ORDER BY start_ts", USER);

        assertEquals(3, trips.size(), trips.toString());
        assertEquals(List.of("move", "sentiance", "sentiance"), trips.stream().map(t -> t.get("source")).toList());
        assertEquals(List.of("1000", SentianceStoreTest.APP, SentianceStoreTest.APP), trips.stream().map(t -> t.get("tenant")).toList());
        assertEquals(List.of("2026-07-02T08:00:00.123456Z", "s-car", "s-bike"), trips.stream().map(t -> t.get("trip_key")).toList());
        assertEquals(List.of("car", "car", "bicycle"), trips.stream().map(t -> t.get("mode")).toList());
        assertEquals(List.of("CAR", "car", "biking"), trips.stream().map(t -> t.get("source_mode")).toList());
        assertEquals(Timestamp.from(START), trips.get(0).get("start_ts"));
        assertEquals(Timestamp.from(START.plusSeconds(7200)), trips.get(1).get("start_ts"));
        assertEquals(5230.5, trips.get(0).get("distance_m"));
        assertEquals(51918.0, trips.get(2).get("distance_m"));
        assertEquals(48.2082, trips.get(0).get("start_lat"));
        assertEquals(4.8, trips.get(1).get("end_lon"));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
