package org.movetimeline.simulator.sentiance;

import java.util.List;

/** Google's encoded polyline (precision 5), the form of a Sentiance trajectory's {@code encoded} field. */
final class Polyline {

    private Polyline() {
    }

    static String encode(List<SentianceWire.Waypoint> waypoints) {
        StringBuilder out = new StringBuilder();
        long lastLat = 0;
        long lastLon = 0;
        for (SentianceWire.Waypoint w : waypoints) {
            long lat = Math.round(w.latitude() * 1e5);
            long lon = Math.round(w.longitude() * 1e5);
            value(lat - lastLat, out);
            value(lon - lastLon, out);
            lastLat = lat;
            lastLon = lon;
        }
        return out.toString();
    }

    private static void value(long v, StringBuilder out) {
        long u = v < 0 ? ~(v << 1) : v << 1;
        while (u >= 0x20) {
            out.append((char) ((0x20 | (u & 0x1f)) + 63));
            u >>= 5;
        }
        out.append((char) (u + 63));
    }
}
