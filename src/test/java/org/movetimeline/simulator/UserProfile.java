package org.movetimeline.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The stable traits of a simulated user, derived from (seed, projectId, userId) alone: a home city,
 * the handful of places the user moves between, and the phone that runs the SDK. Real users
 * shuttle between few places; that makes start and end locations repeat like real data does.
 */
record UserProfile(City city, List<Place> places, String os, String sdkVersion) {

    static final int HOME = 0;
    static final int WORK = 1;

    /** How often an item starts at places[i]: home, work, near home, near work, two elsewhere. */
    static final double[] PLACE_WEIGHTS = {0.35, 0.25, 0.15, 0.10, 0.075, 0.075};

    private static final String[] SDK_VERSIONS = {"2.14.3", "2.15.1", "2.16.0", "2.16.2"};

    static UserProfile of(long seed, int projectId, String userId) {
        SeededRandom r = SeededRandom.of(seed, projectId, userId, -1, "profile");
        City city = City.ALL.get(r.nextInt(City.ALL.size()));
        double[] home = Geo.around(r, city.latitude(), city.longitude(), 0, 8_000);
        double[] work = Geo.around(r, city.latitude(), city.longitude(), 0, 15_000);
        double[] nearHome = Geo.around(r, home[0], home[1], 300, 1_200);
        double[] nearWork = Geo.around(r, work[0], work[1], 300, 1_000);
        double[] other1 = Geo.around(r, city.latitude(), city.longitude(), 0, 12_000);
        double[] other2 = Geo.around(r, city.latitude(), city.longitude(), 0, 12_000);
        List<Place> places = List.of(place(r, city, home), place(r, city, work), place(r, city, nearHome),
                place(r, city, nearWork), place(r, city, other1), place(r, city, other2));
        String os = r.chance(0.55) ? "ANDROID" : "IOS";
        return new UserProfile(city, places, os, r.pick(SDK_VERSIONS));
    }

    private static Place place(SeededRandom r, City city, double[] latLon) {
        String address = String.format(Locale.ROOT, city.addressFormat(),
                city.streets().get(r.nextInt(city.streets().size())),
                r.between(1, 180),
                city.postcodes().get(r.nextInt(city.postcodes().size())));
        return new Place(latLon[0], latLon[1], address, city.timeZone());
    }
}
