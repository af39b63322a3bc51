package org.movetimeline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Rows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two answers about one item that cross on the way: the answer to the later request stays, whatever came last. */
@QuarkusTest
class NewestAnswerWinsTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant START = Instant.parse("2026-07-01T08:00:00Z");

    @Inject
    TimelineItemRepository items;
    @Inject
    TimelinePointRepository points;

    FetchedItem answer(String type, Instant requestedAt) {
        byte[] raw = FakeMoveApi.tripItem(1000, "crossing", START, type).toString().getBytes(StandardCharsets.UTF_8);
        return FetchedItem.from(MAPPER.getFactory(), raw, requestedAt);
    }

    Set<TimelineKey> upsert(FetchedItem item) {
        return QuarkusTransaction.requiringNew().call(() -> items.upsertAll(List.of(item)));
    }

    @Test
    void anOlderAnswerArrivingLastChangesNothingAndIsReportedUnchanged() {
        Instant older = Instant.parse("2026-07-01T09:00:00Z");
        Instant newer = older.plusSeconds(5);
        TimelineKey key = new TimelineKey(1000, "crossing", START);

        assertEquals(Set.of(key), upsert(answer("TRAIN", newer)), "a new row is a change");
        assertEquals(Set.of(), upsert(answer("CAR", older)), "the late older answer is no change, so not republished");

        Map<String, Object> row = Rows.ofUser(1000, "crossing").get(0);
        assertEquals("TRAIN", row.get("type"));
        assertEquals(java.sql.Timestamp.from(newer), row.get("fetched_at"));
        assertEquals(Set.of(), upsert(answer("BUS", newer)), "an answer to a request as old as the row's is no change either");
        assertEquals(Set.of(key), upsert(answer("CAR", newer.plusMillis(1))), "a later request replaces the row");
        assertEquals("CAR", Rows.ofUser(1000, "crossing").get(0).get("type"));
    }

    @Test
    void pointsAreWrittenAsTypedRows() {
        TimelineKey key = new TimelineKey(1000, "points-typed", START);
        byte[] raw = FakeMoveApi.tripItem(1000, "points-typed", START, "CAR").toString().getBytes(StandardCharsets.UTF_8);
        QuarkusTransaction.requiringNew().run(() -> {
            items.upsertAll(List.of(FetchedItem.from(MAPPER.getFactory(), raw, Instant.now())));
            points.replaceAll(Map.of(key, List.of(new GpsPoint(START, 48.2, 16.3, 12.5, null), new GpsPoint(null, 48.3, 16.4, null, 5.0))));
        });
        List<Map<String, Object>> stored = Rows.query(
                "SELECT seq, ts, speed, accuracy FROM timeline_point WHERE user_id = 'points-typed' ORDER BY seq");
        assertEquals(2, stored.size());
        assertEquals(java.sql.Timestamp.from(START), stored.get(0).get("ts"));
        assertEquals(12.5, stored.get(0).get("speed"));
        assertEquals(null, stored.get(1).get("ts"));
        assertEquals(5.0, stored.get(1).get("accuracy"));
    }
}
