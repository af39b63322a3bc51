package org.movetimeline.simulator;

import org.movetimeline.timeline.Rfc3339;

import java.util.ArrayList;
import java.util.List;

/**
 * The GPS fixes of a trip: a route from the start to the end location that bends once so its
 * length equals gpsStats.distance, sampled every few seconds with speed varying around the
 * average (slow at both ends) and position noise within the reported accuracy.
 */
final class GpsTrack {

    private static final long INTERVAL_SECONDS = 5;
    /** Bounds the /points answer; with two-hour slots trips never get near it. */
    private static final int MAX_POINTS = 2000;

    private final long seed;

    GpsTrack(long seed) {
        this.seed = seed;
    }

    /** Number of points {@link #points} yields; gpsStats.gpsPoints reports it. */
    static int count(ItemPlan plan) {
        if (!plan.hasGps()) {
            return 0;
        }
        return (int) (plan.durationSeconds() / interval(plan) + 1);
    }

    List<GpsPoint> points(ItemPlan plan) {
        int n = count(plan);
        List<GpsPoint> points = new ArrayList<>(n);
        if (n == 0) {
            return points;
        }
        SeededRandom r = SeededRandom.of(seed, plan.projectId(), plan.userId(), plan.k(), "points");
        double lat0 = plan.from().latitude();
        double lon0 = plan.from().longitude();
        double bx = Geo.eastMetres(lat0, lon0, plan.to().longitude());
        double by = Geo.northMetres(lat0, plan.to().latitude());
        double straight = Math.hypot(bx, by);
        double half = plan.pathMetres() / 2;
        // Waypoint beside the midpoint such that A->W->B is exactly pathMetres long.
        // A round trip (start and end metres apart) has no direction of its own: head east then.
        double ux = straight < 1 ? 1 : bx / straight;
        double uy = straight < 1 ? 0 : by / straight;
        double h = Math.sqrt(Math.max(0, half * half - straight * straight / 4)) * plan.detourSide();
        double wx = bx / 2 - h * uy;
        double wy = by / 2 + h * ux;

        double averageMs = plan.averageKmh() / 3.6;
        // The rounded value gpsStats reports, so no point is ever faster than the item says.
        double maxMs = Geo.round(plan.maxKmh(), 1) / 3.6;
        double cycles = r.between(2, 6);
        double phase = r.between(0, 2 * Math.PI);
        double[] accuracyRange = accuracyRange(plan.type());
        long interval = interval(plan);
        long duration = plan.durationSeconds();
        for (int i = 0; i < n; i++) {
            long t = i * interval;
            double f = (double) t / duration;
            double s = f * plan.pathMetres();
            double x;
            double y;
            if (s <= half) {
                x = wx * s / half;
                y = wy * s / half;
            } else {
                double g = (s - half) / half;
                x = wx + (bx - wx) * g;
                y = wy + (by - wy) * g;
            }
            double accuracy = r.between(accuracyRange[0], accuracyRange[1]);
            double noise = accuracy / 2;
            double[] p = Geo.offset(lat0, lon0, x + r.between(-noise, noise), y + r.between(-noise, noise));
            double ramp = Math.min(1, Math.min(f * 12, (1 - f) * 12));
            double speed = averageMs * (1 + 0.35 * Math.sin(2 * Math.PI * cycles * f + phase)) * ramp
                    + r.between(-0.5, 0.5);
            speed = Math.max(0, Math.min(maxMs, speed));
            points.add(new GpsPoint(Rfc3339.format(plan.start().plusSeconds(t)),
                    Geo.round(p[0], 6), Geo.round(p[1], 6), Geo.round(speed, 2), Geo.round(accuracy, 1)));
        }
        return points;
    }

    private static long interval(ItemPlan plan) {
        return Math.max(INTERVAL_SECONDS, -Math.floorDiv(-plan.durationSeconds(), MAX_POINTS - 1));
    }

    /** Underground and in trains the fix is worse. */
    private static double[] accuracyRange(String type) {
        return switch (type) {
            case "METRO" -> new double[] {20, 60};
            case "TRAIN" -> new double[] {8, 25};
            default -> new double[] {3, 12};
        };
    }
}
