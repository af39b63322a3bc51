package org.movetimeline.simulator.sentiance;

import org.movetimeline.simulator.Geo;
import org.movetimeline.simulator.SeededRandom;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport's trajectory and behaviour annotations, computed when asked (not stored): waypoints every ~30 s on
 * the line from start to end location with a little sideways noise, seeded by the event so every call agrees.
 */
final class Trajectories {

    private static final int MAX_WAYPOINTS = 200;

    private final long seed;

    Trajectories(long seed) {
        this.seed = seed;
    }

    SentianceWire.Trajectory of(SimTransport t) {
        SeededRandom r = SeededRandom.of(seed, t.appId(), t.userId(), t.eventId().hashCode(), "trajectory");
        long millis = Duration.between(t.start(), t.end()).toMillis();
        int n = (int) Math.max(2, Math.min(MAX_WAYPOINTS, millis / 30_000 + 1));
        boolean road = !t.mode().equals("train") && !t.mode().equals("subway") && !t.mode().equals("tram");
        List<SentianceWire.Waypoint> waypoints = new ArrayList<>(n);
        double prevLat = t.startLocation().latitude();
        double prevLon = t.startLocation().longitude();
        for (int i = 0; i < n; i++) {
            double f = i / (double) (n - 1);
            double[] p = Geo.offset(lerp(t.startLocation().latitude(), t.endLocation().latitude(), f),
                    lerp(t.startLocation().longitude(), t.endLocation().longitude(), f),
                    i == 0 || i == n - 1 ? 0 : r.between(-40.0, 40.0), i == 0 || i == n - 1 ? 0 : r.between(-40.0, 40.0));
            double lat = Geo.round(p[0], 5);
            double lon = Geo.round(p[1], 5);
            int limit = road ? new int[] {30, 50, 50, 70, 100}[r.nextInt(5)] : 0;
            OffsetDateTime at = t.start().plusNanos((long) (millis * f) * 1_000_000);
            waypoints.add(new SentianceWire.Waypoint("TrajectoryWaypoint", lat, lon, SimTransport.time(at),
                    road ? (limit >= 100 ? "motorway" : limit >= 70 ? "primary" : "residential") : "rail",
                    Geo.round(Math.max(0, limit * r.between(0.5, 1.1)), 1),
                    Geo.round(Geo.distanceMetres(prevLat, prevLon, lat, lon), 1), limit));
            prevLat = lat;
            prevLon = lon;
        }
        return new SentianceWire.Trajectory(waypoints, Polyline.encode(waypoints));
    }

    /** Cars: the trip's boundary plus an acceleration and a turn; other modes have none. */
    List<SentianceWire.Annotation> annotations(SimTransport t) {
        if (t.scores().isEmpty()) {
            return List.of();
        }
        SeededRandom r = SeededRandom.of(seed, t.appId(), t.userId(), t.eventId().hashCode(), "annotations");
        OffsetDateTime accel = t.start().plusSeconds(r.between(10, 60));
        OffsetDateTime turn = accel.plusSeconds(r.between(10, 60));
        return List.of(
                new SentianceWire.Annotation("BoundaryBehaviorAnnotation", SimTransport.time(t.start()),
                        SimTransport.time(t.end()), "valid", null, null, null, null),
                new SentianceWire.Annotation("AccelerationBehaviorAnnotation", SimTransport.time(accel),
                        SimTransport.time(accel.plusSeconds(5)), null, "accelerate", null, 5000L,
                        Geo.round(r.between(0.1, 0.5), 3)),
                new SentianceWire.Annotation("TurnBehaviorAnnotation", SimTransport.time(turn),
                        SimTransport.time(turn.plusSeconds(4)), null, null, "left_turn", 4000L,
                        Geo.round(r.between(0.2, 0.6), 3)));
    }

    private static double lerp(double a, double b, double f) {
        return a + (b - a) * f;
    }
}
