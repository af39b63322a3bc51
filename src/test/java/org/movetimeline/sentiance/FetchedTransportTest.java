package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FetchedTransportTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant REQUESTED = Instant.parse("2026-07-01T10:00:05Z");

    static final String MESSAGE = """
            {"meta":{"message_type":"transport","message_timestamp":"2026-07-01T10:00:00.000+02:00"},
             "data":{"user_id":"u1","event_id":"e1","mode":"walking","start":"2026-07-01T08:00:00.000+02:00",
               "end":"2026-07-01T08:40:00.000+02:00","distance":51918,"analysis_type":"preliminary",
               "start_location":{"latitude":50.1,"longitude":4.2,"timestamp":"2026-07-01T08:00:00.000+02:00"},
               "end_location":{"latitude":50.9,"longitude":4.8},
               "behavior_scores":{"overall":0.5,"smooth":-1,"legal":0.4}}}""";
    static final String EVENT = """
            {"type":"Transport","start":"2026-07-01T07:58:30.500+02:00","end":"2026-07-01T08:41:00.000+02:00",
             "analysis_type":"indepth","event_id":"e1","mode":"car","distance":52000.5,
             "behavior_features":{"phone_handling":396000}}""";
    static final String SCORES = """
            {"type":"CarBehaviorScores","overall":0.79,"smooth":0.79,"legal":0.72,"anticipative":0.86,"focus":-1,
             "mounted":0.5,"hard_accel":0.9,"hard_brake":0.65,"hard_events":0.85,"hard_turn":0.95,"legal_v2":0.79,
             "smooth_v2":0.78,"anticipative_v2":-1}""";

    static FetchedTransport from(String message, String event, String scores, List<TrajectoryPoint> trajectory) {
        return FetchedTransport.from(JSON, "app-a", bytes(message), bytes(event), scores == null ? null : bytes(scores),
                trajectory, REQUESTED);
    }

    @Test
    void theEventAnswerComesFirstThenTheMessage() {
        FetchedTransport t = from(MESSAGE, EVENT, SCORES, List.of());

        assertEquals(new SentianceKey("app-a", "u1", "e1"), t.key());
        assertEquals(Instant.parse("2026-07-01T05:58:30.500Z"), t.start());
        assertEquals(Instant.parse("2026-07-01T06:41:00Z"), t.end());
        assertEquals("car", t.mode());
        assertEquals(52000.5, t.distanceMeters());
        assertEquals("indepth", t.analysisType());
        assertEquals(50.1, t.startLat());
        assertEquals(4.2, t.startLon());
        assertEquals(50.9, t.endLat());
        assertEquals(4.8, t.endLon());
        assertEquals(REQUESTED, t.requestedAt());
        assertArrayEquals(bytes(MESSAGE), t.message());
        assertArrayEquals(bytes(SCORES), t.behaviorScores());
    }

    @Test
    void scoresOfMinusOneAreNullAndTheAnswerBeatsTheMessage() {
        DrivingScores answered = from(MESSAGE, EVENT, SCORES, List.of()).scores();
        assertEquals(0.79, answered.overall());
        assertNull(answered.focus());
        assertNull(answered.anticipativeV2());
        assertEquals(0.78, answered.smoothV2());
        assertEquals(0.65, answered.hardBrake());

        DrivingScores fromMessage = from(MESSAGE, EVENT, null, List.of()).scores();
        assertEquals(0.5, fromMessage.overall());
        assertNull(fromMessage.smooth(), "-1 in the message too");
        assertEquals(0.4, fromMessage.legal());
        assertNull(fromMessage.hardTurn(), "absent");
    }

    @Test
    void whatTheEventAnswerLacksComesFromTheMessage() {
        FetchedTransport t = from(MESSAGE, "{\"type\":\"Transport\",\"event_id\":\"e1\",\"mode\":null}", null, List.of());

        assertEquals(Instant.parse("2026-07-01T06:00:00Z"), t.start());
        assertEquals(Instant.parse("2026-07-01T06:40:00Z"), t.end());
        assertEquals("walking", t.mode(), "a null in the answer is no answer");
        assertEquals(51918.0, t.distanceMeters());
        assertEquals("preliminary", t.analysisType());
    }

    @Test
    void locationsMissingFromTheMessageComeFromTheTrajectorysEnds() {
        String message = """
                {"meta":{"message_type":"transport"},"data":{"user_id":"u1","event_id":"e1",
                 "start_location":{"latitude":50.1},"end_location":null}}""";
        List<TrajectoryPoint> trajectory = List.of(new TrajectoryPoint(0, null, 51.0, 3.0, null, null, null, null),
                new TrajectoryPoint(1, null, 51.5, 3.5, null, null, null, null),
                new TrajectoryPoint(2, null, 52.0, 4.0, null, null, null, null));

        FetchedTransport t = from(message, EVENT, null, trajectory);
        assertEquals(51.0, t.startLat(), "half a location is none");
        assertEquals(3.0, t.startLon());
        assertEquals(52.0, t.endLat());
        assertEquals(4.0, t.endLon());

        FetchedTransport without = from(message, EVENT, null, List.of());
        assertNull(without.startLat());
        assertNull(without.endLon());
        assertSame(null, without.behaviorScores());
        assertEquals(DrivingScores.NONE, without.scores());
    }

    @Test
    void unusableInputIsRefusedWithAReasonNamingTheField() {
        assertReason("transport without start: neither the event answer nor the message has one",
                "{\"meta\":{},\"data\":{\"user_id\":\"u1\",\"event_id\":\"e1\"}}", "{\"mode\":\"car\"}");
        assertReason("event answer: start is not an ISO 8601 date-time with offset: yesterday",
                MESSAGE, "{\"start\":\"yesterday\"}");
        assertReason("message data: start is not an ISO 8601 date-time with offset: 2026-07-01T08:00:00",
                "{\"data\":{\"user_id\":\"u1\",\"event_id\":\"e1\",\"start\":\"2026-07-01T08:00:00\"}}", "{}");
        assertReason("message data: event_id is missing", "{\"data\":{\"user_id\":\"u1\"}}", EVENT);
        assertReason("message data: user_id is not a string: 7", "{\"data\":{\"user_id\":7,\"event_id\":\"e1\"}}", EVENT);
        assertReason("message: data is missing or not an object", "{\"meta\":{}}", EVENT);
        assertReason("event answer: distance is not a number: \"far\"", MESSAGE, "{\"distance\":\"far\"}");
        // The array-or-object guess is sentiance.api.SentianceApiAdapter's; what reaches this is the object.
        assertReason("event answer is not a Transport object", MESSAGE, "[" + EVENT + "]");
        assertReason("event answer is not a Transport object", MESSAGE, "\"e1\"");
        var notJson = assertThrows(IllegalArgumentException.class, () -> from(MESSAGE, "{\"start\":", null, List.of()));
        assertEquals(true, notJson.getMessage().startsWith("event answer is not JSON"), notJson.getMessage());
        var badScores = assertThrows(IllegalArgumentException.class, () -> from(MESSAGE, EVENT, "[]", List.of()));
        assertEquals("behavior_scores answer is not a JSON object", badScores.getMessage());
    }

    static void assertReason(String reason, String message, String event) {
        var refused = assertThrows(IllegalArgumentException.class, () -> from(message, event, null, List.of()));
        assertEquals(reason, refused.getMessage());
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
