package org.movetimeline.simulator.sentiance;

import org.movetimeline.simulator.City;
import org.movetimeline.simulator.Geo;
import org.movetimeline.simulator.SeededRandom;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Firehose messages of one app's users, their days one step at a time: a transport (car, walking, biking, bus,
 * train, tram or subway; cars with behaviour scores, some -1), the stationary at its end, and now and then a
 * location, a moment and an event prediction. Users take turns step by step, so a delivery mixes users and
 * types. Each transport is registered in {@link SentianceEvents} before it is handed out, so the API knows it
 * by the time the service asks. Seeded: the same settings give the same messages. Not thread-safe.
 */
final class FirehoseFeed {

    private static final String[] MODES = {"car", "walking", "biking", "bus", "train", "tram", "subway"};
    private static final double[] MODE_WEIGHTS = {0.45, 0.2, 0.1, 0.08, 0.07, 0.05, 0.05};
    /** Typical speed (km/h) and trip length range (m) per mode, same order as MODES. */
    private static final double[] SPEEDS = {35, 5, 15, 20, 60, 18, 30};
    private static final double[][] LENGTHS = {{2_000, 30_000}, {300, 2_500}, {1_000, 8_000}, {2_000, 12_000},
            {10_000, 40_000}, {1_000, 8_000}, {2_000, 12_000}};
    private static final String[] MOMENTS = {"commute_from_home", "commute_from_work", "working_at_work", "lunch"};
    private static final String[] SIGNIFICANCES = {"home", "work", "point_of_interest"};

    private final long seed;
    private final String appId;
    private final double refineRatio;
    private final SentianceEvents events;
    private final List<User> users = new ArrayList<>();
    private final Deque<SentianceWire.Message> pending = new ArrayDeque<>();
    private int turn;

    FirehoseFeed(long seed, Instant epoch, String appId, int usersPerApp, double refineRatio, SentianceEvents events) {
        this.seed = seed;
        this.appId = appId;
        this.refineRatio = refineRatio;
        this.events = events;
        for (int n = 1; n <= usersPerApp; n++) {
            users.add(new User(n, epoch));
        }
    }

    String appId() {
        return appId;
    }

    SentianceWire.Message next() {
        while (pending.isEmpty()) {
            users.get(turn).step();
            turn = (turn + 1) % users.size();
        }
        return pending.poll();
    }

    /** Sentiance-like ids: 24 hex digits for users, 64 for transports (as in the seed). */
    private static String hex(SeededRandom r, int longs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < longs; i++) {
            b.append(String.format(Locale.ROOT, "%016x", r.nextLong()));
        }
        return b.toString();
    }

    private final class User {

        final String id;
        final City city;
        final ZoneId zone;
        Instant now;
        double lat;
        double lon;
        long k;

        User(int number, Instant epoch) {
            SeededRandom r = SeededRandom.of(seed, appId, "user-" + number, -1, "profile");
            this.id = hex(r, 2).substring(8);
            this.city = City.ALL.get(r.nextInt(City.ALL.size()));
            this.zone = ZoneId.of(city.timeZone());
            double[] home = Geo.around(r, city.latitude(), city.longitude(), 0, 8_000);
            this.lat = home[0];
            this.lon = home[1];
            this.now = epoch.plusSeconds(r.between(6 * 3600, 9 * 3600)); // the first trip of the first morning
        }

        void step() {
            SeededRandom r = SeededRandom.of(seed, appId, id, k++, "step");
            SimTransport t = transport(r);
            events.add(t);
            pending.add(new SentianceWire.Message(meta("transport", t.end(), r, List.of("start", "end")),
                    new SentianceWire.TransportData(id, t.eventId(), t.mode(), SimTransport.time(t.start()),
                            SimTransport.time(t.end()), t.distance(), t.startLocation(), t.endLocation(),
                            t.scores().orElse(null))));
            long dwell = r.between(20 * 60, 4 * 3600);
            OffsetDateTime stayStart = t.end();
            OffsetDateTime stayEnd = stayStart.plusSeconds(dwell);
            pending.add(new SentianceWire.Message(meta("stationary", stayEnd, r, List.of("end")),
                    new SentianceWire.StationaryData(id, hex(r, 2), SimTransport.time(stayStart),
                            SimTransport.time(stayEnd), lat, lon, dwell * 1000, r.pick(SIGNIFICANCES))));
            if (r.chance(0.5)) {
                OffsetDateTime at = stayStart.plusSeconds(r.between(0, (int) dwell));
                pending.add(new SentianceWire.Message(meta("location", at, r, List.of()),
                        new SentianceWire.LocationData(id, Geo.round(lat, 5), Geo.round(lon, 5),
                                Geo.round(r.between(5.0, 50.0), 1), SimTransport.time(at))));
            }
            if (r.chance(0.2)) {
                pending.add(new SentianceWire.Message(meta("moment", stayStart, r, List.of("start")),
                        new SentianceWire.MomentData(id, r.pick(MOMENTS), SimTransport.time(stayStart), null,
                                "preliminary")));
            }
            if (r.chance(0.15)) {
                pending.add(new SentianceWire.Message(meta("event_prediction", stayStart, r, List.of()),
                        new SentianceWire.EventPredictionData(id, "stationary", r.pick(SIGNIFICANCES),
                                Geo.round(r.between(0.5, 1.0), 2), SimTransport.time(stayStart))));
            }
            now = stayEnd.toInstant();
        }

        private SimTransport transport(SeededRandom r) {
            int m = r.weighted(MODE_WEIGHTS);
            double wanted = r.between(LENGTHS[m][0], LENGTHS[m][1]);
            double[] to = Geo.around(r, lat, lon, wanted / 1.3 * 0.8, wanted / 1.3);
            if (Geo.distanceMetres(to[0], to[1], city.latitude(), city.longitude()) > 30_000) {
                to = Geo.around(r, city.latitude(), city.longitude(), 0, 10_000); // back towards town
            }
            long distance = Math.round(Geo.distanceMetres(lat, lon, to[0], to[1]) * 1.25);
            long seconds = Math.max(60, Math.round(distance / (SPEEDS[m] / 3.6)));
            OffsetDateTime start = local(now);
            OffsetDateTime end = local(now.plusSeconds(seconds));
            Optional<SimTransport.Refinement> refined = r.chance(refineRatio)
                    ? Optional.of(new SimTransport.Refinement(start.minusSeconds(r.between(60, 300)), refinedMode(MODES[m])))
                    : Optional.empty();
            SimTransport t = new SimTransport(appId, id, hex(r, 4), MODES[m], start, end, distance,
                    point(lat, lon, start), point(to[0], to[1], end),
                    MODES[m].equals("car") ? Optional.of(scores(r)) : Optional.empty(), refined);
            lat = to[0];
            lon = to[1];
            return t;
        }

        private OffsetDateTime local(Instant t) {
            return t.truncatedTo(ChronoUnit.MILLIS).atZone(zone).toOffsetDateTime();
        }

        private SentianceWire.Meta meta(String type, OffsetDateTime eventTime, SeededRandom r, List<String> updated) {
            return new SentianceWire.Meta(type, SimTransport.time(eventTime.plusSeconds(r.between(1, 60))), updated);
        }
    }

    private static SentianceWire.Point point(double lat, double lon, OffsetDateTime at) {
        return new SentianceWire.Point(Geo.round(lat, 5), Geo.round(lon, 5), SimTransport.time(at));
    }

    /** What a re-analysis plausibly turns a mode into. */
    private static String refinedMode(String mode) {
        return switch (mode) {
            case "car" -> "bus";
            case "bus" -> "car";
            case "walking" -> "biking";
            case "biking" -> "walking";
            case "train" -> "tram";
            default -> "train";
        };
    }

    /** A car trip's scores; the ones that need enough data (smooth, anticipative, focus, mounted) are often -1. */
    private static SentianceWire.CarScores scores(SeededRandom r) {
        return new SentianceWire.CarScores(null, score(r, 0), score(r, 0.25), score(r, 0), score(r, 0.25),
                score(r, 0.3), score(r, 0.3), score(r, 0), score(r, 0), score(r, 0), score(r, 0), score(r, 0),
                score(r, 0.1), score(r, 0.1));
    }

    private static double score(SeededRandom r, double missing) {
        return r.chance(missing) ? -1 : Geo.round(r.between(0.4, 1.0), 2);
    }
}
