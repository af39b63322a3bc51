package org.movetimeline.simulator;

/**
 * Flat-earth (equirectangular) geometry. Simulated trips stay within one metropolitan area
 * (tens of kilometres), where the error against great-circle distance is far below the GPS
 * noise we add, and flat maths lets the track and gpsStats.distance agree exactly.
 */
public final class Geo {

    private static final double METRES_PER_DEGREE_LAT = 111_320.0;

    private Geo() {
    }

    /** Metres east of {@code fromLon} at latitude {@code lat}. */
    public static double eastMetres(double lat, double fromLon, double toLon) {
        return (toLon - fromLon) * METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat));
    }

    public static double northMetres(double fromLat, double toLat) {
        return (toLat - fromLat) * METRES_PER_DEGREE_LAT;
    }

    public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double mid = (lat1 + lat2) / 2;
        return Math.hypot(eastMetres(mid, lon1, lon2), northMetres(lat1, lat2));
    }

    /** {lat, lon} moved by the given metres. */
    public static double[] offset(double lat, double lon, double eastMetres, double northMetres) {
        double newLat = lat + northMetres / METRES_PER_DEGREE_LAT;
        double newLon = lon + eastMetres / (METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat)));
        return new double[] {newLat, newLon};
    }

    /** A uniformly distributed point within {@code minMetres..maxMetres} of the given one. */
    public static double[] around(SeededRandom random, double lat, double lon, double minMetres, double maxMetres) {
        double r = Math.sqrt(random.between(minMetres * minMetres, maxMetres * maxMetres));
        double bearing = random.between(0, 2 * Math.PI);
        return offset(lat, lon, r * Math.sin(bearing), r * Math.cos(bearing));
    }

    public static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
