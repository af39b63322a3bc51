package org.movetimeline.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.movetimeline.sentiance.FetchedTransport;
import org.movetimeline.sentiance.RawMessage;
import org.movetimeline.sentiance.SentianceKey;
import org.movetimeline.sentiance.TrajectoryPoint;
import org.movetimeline.testsupport.FakeSentianceApi;
import org.movetimeline.testsupport.Rows;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sentiance's tables: a row per transport, the newest answer wins, points replaced, raw messages once. */
@QuarkusTest
class SentianceStoreTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APP = "app-store";
    static final Instant START = Instant.parse("2026-07-01T08:00:00Z");
    static final Instant FETCHED = Instant.parse("2026-07-01T09:00:00Z");

    @Inject
    SentianceTransportRepository transports;
    @Inject
    SentianceTransportPointRepository points;
    @Inject
    SentianceMessageRepository messages;

    /** A Firehose transport message of {@code userId} and the event answer about it. */
    static FetchedTransport transport(String userId, String eventId, String mode, Instant start, Instant requestedAt,
                                      String note) {
        String message = """
                {"meta":{"message_type":"transport","message_timestamp":"2026-07-01T10:00:00.000+02:00"},
                 "data":{"user_id":"%s","event_id":"%s","mode":"%s","note":"%s",
                   "start_location":{"latitude":50.1,"longitude":4.2},"end_location":{"latitude":50.9,"longitude":4.8},
                   "behavior_scores":{"overall":0.5,"smooth":-1}}}""".formatted(userId, eventId, mode, note);
        String event = FakeSentianceApi.transport(eventId, mode, start, Duration.ofMinutes(40), 51918).toString();
        return FetchedTransport.from(JSON, APP, bytes(message), bytes(event), null, List.of(), requestedAt);
    }

    Set<SentianceKey> upsert(FetchedTransport... rows) {
        return QuarkusTransaction.requiringNew().call(() -> transports.upsertAll(List.of(rows)));
    }

    static List<Map<String, Object>> rowsOf(String userId) {
        return Rows.query("SELECT event_id, start_ts, end_ts, mode, distance_m, start_lat, end_lon, analysis_type,"
                + " score_overall, score_smooth, message->'data'->>'note' AS note, event->>'mode' AS event_mode,"
                + " fetched_at FROM sentiance_transport WHERE app_id = ? AND user_id = ? ORDER BY event_id", APP, userId);
    }

    @Test
    void theSameAnswerTwiceIsOneRowAndOneChange() {
        SentianceKey key = new SentianceKey(APP, "twice", "e1");

        assertEquals(Set.of(key), upsert(transport("twice", "e1", "car", START, FETCHED, "first")));
        assertEquals(Set.of(), upsert(transport("twice", "e1", "car", START, FETCHED, "first")),
                "an answer to a request as old as the row's is no change");

        List<Map<String, Object>> rows = rowsOf("twice");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals(Timestamp.from(START), row.get("start_ts"));
        assertEquals(Timestamp.from(START.plus(Duration.ofMinutes(40))), row.get("end_ts"));
        assertEquals("car", row.get("mode"));
        assertEquals(51918.0, row.get("distance_m"));
        assertEquals(50.1, row.get("start_lat"));
        assertEquals(4.8, row.get("end_lon"));
        assertEquals("indepth", row.get("analysis_type"));
        assertEquals(0.5, row.get("score_overall"));
        assertNull(row.get("score_smooth"), "-1 is stored as NULL");
        assertEquals("first", row.get("note"));
        assertEquals("car", row.get("event_mode"), "the Transport object, unwrapped from the array");
        assertEquals(Timestamp.from(FETCHED), row.get("fetched_at"));
    }

    @Test
    void anOlderAnswerDoesNotReplaceARefinedLaterOneDoes() {
        SentianceKey key = new SentianceKey(APP, "refined", "e1");
        assertEquals(Set.of(key), upsert(transport("refined", "e1", "car", START, FETCHED, "first")));

        assertEquals(Set.of(), upsert(transport("refined", "e1", "bus", START.minusSeconds(60), FETCHED.minusMillis(1), "older")));
        assertEquals("car", rowsOf("refined").get(0).get("mode"));

        Instant refinedStart = START.minusSeconds(90);
        assertEquals(Set.of(key), upsert(transport("refined", "e1", "train", refinedStart, FETCHED.plusMillis(1), "later")));
        Map<String, Object> row = rowsOf("refined").get(0);
        assertEquals("train", row.get("mode"));
        assertEquals(Timestamp.from(refinedStart), row.get("start_ts"));
        assertEquals("later", row.get("note"));
        assertEquals(Timestamp.from(FETCHED.plusMillis(1)), row.get("fetched_at"));
    }

    @Test
    void aRowPostgresqlRefusesThrowsWithItsWords() {
        FetchedTransport nul = transport("refused", "e1", "car", START, FETCHED, "a\\u0000b");

        Exception refused = assertThrows(Exception.class, () -> upsert(nul));

        Throwable root = refused;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("unsupported Unicode escape sequence"), root.getMessage());
        assertEquals(0, rowsOf("refused").size());
    }

    @Test
    void manyTransportsGoInFullStatementsAndARest() {
        List<FetchedTransport> many = IntStream.range(0, 501)
                .mapToObj(i -> transport("many", "e%03d".formatted(i), "car", START.plusSeconds(i), FETCHED, "n"))
                .toList();

        Set<SentianceKey> changed = upsert(many.toArray(FetchedTransport[]::new));

        assertEquals(many.stream().map(FetchedTransport::key).collect(Collectors.toSet()), changed);
        assertEquals(501, rowsOf("many").size());
    }

    @Test
    void pointsAreReplacedWithTheirTransport() {
        SentianceKey key = new SentianceKey(APP, "points", "e1");
        Instant ts = Instant.parse("2026-07-01T08:00:01.250Z");
        QuarkusTransaction.requiringNew().run(() -> {
            transports.upsertAll(List.of(transport("points", "e1", "car", START, FETCHED, "n")));
            points.replaceAll(Map.of(key, List.of(new TrajectoryPoint(0, ts, 50.1, 4.2, 23.0, 50.0, "residential", 65.5),
                    new TrajectoryPoint(1, null, 50.2, 4.3, null, null, null, null),
                    new TrajectoryPoint(2, null, 50.3, 4.4, null, null, null, null))));
        });
        assertEquals(3, pointsOf("points").size());

        QuarkusTransaction.requiringNew().run(() -> points.replaceAll(Map.of(key, List.of(
                new TrajectoryPoint(0, null, 51.0, 5.0, 10.0, null, "motorway", null),
                new TrajectoryPoint(1, ts, 51.1, 5.1, null, 120.0, null, 7.5)))));

        List<Map<String, Object>> stored = pointsOf("points");
        assertEquals(2, stored.size());
        assertEquals(Map.of("seq", 0, "lat", 51.0, "speed", 10.0, "road_type", "motorway"),
                Map.of("seq", stored.get(0).get("seq"), "lat", stored.get(0).get("lat"), "speed", stored.get(0).get("speed"),
                        "road_type", stored.get(0).get("road_type")));
        assertNull(stored.get(0).get("ts"));
        assertEquals(Timestamp.from(ts), stored.get(1).get("ts"));
        assertEquals(120.0, stored.get(1).get("speed_limit"));
        assertEquals(7.5, stored.get(1).get("distance_m"));
    }

    static List<Map<String, Object>> pointsOf(String userId) {
        return Rows.query("SELECT seq, ts, lat, lon, speed, speed_limit, road_type, distance_m FROM sentiance_transport_point"
                + " WHERE app_id = ? AND user_id = ? ORDER BY seq", APP, userId);
    }

    @Test
    void aRedeliveredMessageAddsNoRow() {
        RawMessage stationary = raw("dedup", "stationary", "2026-07-01T10:00:00.000+02:00");
        RawMessage moment = raw("dedup", "moment", "never");

        assertEquals(2, insert(List.of(stationary, moment, stationary)), "a repeat within one call counts once");
        assertEquals(0, insert(List.of(moment)));
        List<Map<String, Object>> rows = Rows.query("SELECT message_type, message_ts, digest, message->'meta'->>'message_type' AS inner_type"
                + " FROM sentiance_message WHERE app_id = ? AND user_id = 'dedup' ORDER BY message_type", APP);
        assertEquals(2, rows.size());
        assertEquals("moment", rows.get(0).get("message_type"));
        assertNull(rows.get(0).get("message_ts"));
        assertEquals(moment.digest(), rows.get(0).get("digest"));
        assertEquals(Timestamp.from(Instant.parse("2026-07-01T08:00:00Z")), rows.get(1).get("message_ts"));
        assertEquals("stationary", rows.get(1).get("inner_type"));

        List<RawMessage> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(raw("dedup-many", "location", "2026-07-01T10:00:%02d.%03d+02:00".formatted(i / 1000, i % 1000)));
        }
        assertEquals(1001, insert(many));
        assertEquals(0, insert(many));
    }

    int insert(List<RawMessage> rows) {
        return QuarkusTransaction.requiringNew().call(() -> messages.insertAll(rows));
    }

    static RawMessage raw(String userId, String type, String ts) {
        return RawMessage.from(JSON, APP, bytes("{\"meta\":{\"message_type\":\"%s\",\"message_timestamp\":\"%s\"},\"data\":{\"user_id\":\"%s\"}}"
                .formatted(type, ts, userId)));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
