package org.movetimeline.sentiance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrajectoryPointTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsTheWaypointsInOrder() {
        List<TrajectoryPoint> points = parse("""
                {"waypoints":[{"type":"TrajectoryWaypoint","latitude":50.78568,"longitude":4.49673,
                  "timestamp":"2019-03-22T08:37:45.000+01:00","road_type":"residential","speed":23,"distance":65.5,
                  "speed_limit":50},
                 {"latitude":50.78618,"longitude":4.49722}],"encoded":"oa~tHqgmZ"}""");

        assertEquals(List.of(
                new TrajectoryPoint(0, Instant.parse("2019-03-22T07:37:45Z"), 50.78568, 4.49673, 23.0, 50.0, "residential", 65.5),
                new TrajectoryPoint(1, null, 50.78618, 4.49722, null, null, null, null)), points);
    }

    @Test
    void noWaypointsIsAnEmptyTrajectory() {
        assertEquals(List.of(), parse("{\"encoded\":\"\"}"));
        assertEquals(List.of(), parse("{\"waypoints\":[]}"));
    }

    @Test
    void aWaypointTheTableCannotTakeIsNamed() {
        assertReason("trajectory waypoint 1: latitude or longitude is missing",
                "{\"waypoints\":[{\"latitude\":1,\"longitude\":2},{\"latitude\":1}]}");
        assertReason("trajectory waypoint 0: timestamp is not an ISO 8601 date-time with offset: noon",
                "{\"waypoints\":[{\"latitude\":1,\"longitude\":2,\"timestamp\":\"noon\"}]}");
        assertReason("trajectory waypoint 0: speed is not a number: \"fast\"",
                "{\"waypoints\":[{\"latitude\":1,\"longitude\":2,\"speed\":\"fast\"}]}");
        assertReason("trajectory answer: waypoints is not an array", "{\"waypoints\":{}}");
        assertReason("trajectory answer is not a JSON object", "[]");
    }

    static void assertReason(String reason, String answer) {
        assertEquals(reason, assertThrows(IllegalArgumentException.class, () -> parse(answer)).getMessage());
    }

    static List<TrajectoryPoint> parse(String answer) {
        return TrajectoryPoint.fromAnswer(JSON, answer.getBytes(StandardCharsets.UTF_8));
    }
}
