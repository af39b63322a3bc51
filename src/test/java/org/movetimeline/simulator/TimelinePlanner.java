package org.movetimeline.simulator;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Lays out each user's endless timeline without storing anything.
 *
 * <p>Schedule: item k starts at {@code epoch + k*SLOT + offset(k)} with {@code offset(k) < MAX_OFFSET < SLOT}.
 * So item starts are strictly increasing, and a startTs maps back to at most one k
 * ({@code k = (startTs - epoch) / SLOT}, then check the offset): the API can tell in O(1) whether
 * a key exists. A trip ends at least a minute before the next item starts; an IDLE item lasts
 * until the next item starts (the user stays put), so the timeline is consecutive.
 *
 * <p>Places: an item starts where the previous one ended. An IDLE item ends where it started;
 * any other item ends at a place drawn for item k+1. The type of a moving item follows from the
 * distance (short hops are walked, long ones are driven or taken by train), and its duration from
 * the distance and a speed typical for the type.
 */
final class TimelinePlanner {

    /** Two hours per item: about a dozen items a day, like a real active user. */
    static final long SLOT_SECONDS = 2 * 3600;
    static final long MAX_OFFSET_SECONDS = 3600;

    private static final double IDLE_SHARE = 0.3;
    private static final double WALK_BELOW_METRES = 1_500;
    /** Start and end this close (GPS jitter apart) mean the user came back where they started. */
    private static final double ROUND_TRIP_BELOW_METRES = 200;
    /** How far back to look for the start of a run of IDLE items; 0.3^64 makes it never matter. */
    private static final int MAX_IDLE_RUN = 64;
    /** GPS noise of reported start/end coordinates. */
    private static final double LOCATION_JITTER_METRES = 25;
    private static final long MIN_TRIP_SECONDS = 60;
    private static final long GAP_BEFORE_NEXT_SECONDS = 60;

    private final long seed;
    private final Instant epoch;

    TimelinePlanner(long seed, Instant epoch) {
        this.seed = seed;
        this.epoch = epoch;
    }

    Instant start(int projectId, String userId, long k) {
        long offset = SeededRandom.of(seed, projectId, userId, k, "schedule").nextInt((int) MAX_OFFSET_SECONDS);
        return epoch.plusSeconds(k * SLOT_SECONDS + offset);
    }

    /** The k whose item starts exactly at {@code startTs}, if any. */
    OptionalLong indexOf(int projectId, String userId, Instant startTs) {
        if (startTs.getNano() != 0 || startTs.isBefore(epoch)) {
            return OptionalLong.empty();
        }
        long k = (startTs.getEpochSecond() - epoch.getEpochSecond()) / SLOT_SECONDS;
        return start(projectId, userId, k).equals(startTs) ? OptionalLong.of(k) : OptionalLong.empty();
    }

    ItemPlan plan(int projectId, String userId, long k, UserProfile profile) {
        Instant start = start(projectId, userId, k);
        Instant nextStart = start(projectId, userId, k + 1);
        Place from = location(projectId, userId, k, profile);
        Place to = location(projectId, userId, k + 1, profile);
        if (idle(projectId, userId, k)) {
            return new ItemPlan(projectId, userId, k, start, nextStart, "IDLE", false, from, to, 0, 0, 0, 1, profile);
        }
        SeededRandom r = SeededRandom.of(seed, projectId, userId, k, "trip");
        double straight = Geo.distanceMetres(from.latitude(), from.longitude(), to.latitude(), to.longitude());
        String type;
        double path;
        if (straight < ROUND_TRIP_BELOW_METRES) {
            // Back at the same place: a walk around the block, a bike ride or an errand by car.
            type = new String[] {"WALKING", "CYCLING", "CAR"}[r.weighted(0.4, 0.2, 0.4)];
            path = "WALKING".equals(type) ? r.between(400, 2_500) : r.between(2_000, 15_000);
        } else if (straight < WALK_BELOW_METRES) {
            type = "WALKING";
            path = straight * r.between(1.15, 1.4);
        } else {
            type = tripType(straight, r);
            path = straight * r.between(1.15, 1.45);
        }
        double kmh = speedKmh(type, r);
        long room = nextStart.getEpochSecond() - start.getEpochSecond() - GAP_BEFORE_NEXT_SECONDS;
        long duration = Math.min(room, Math.max(MIN_TRIP_SECONDS, Math.round(path / (kmh / 3.6))));
        double average = path / duration * 3.6;
        double max = average * r.between(1.25, 1.7);
        int side = r.chance(0.5) ? 1 : -1;
        return new ItemPlan(projectId, userId, k, start, start.plusSeconds(duration), type, !"WALKING".equals(type),
                from, to, path, average, max, side, profile);
    }

    private boolean idle(int projectId, String userId, long k) {
        return SeededRandom.of(seed, projectId, userId, k, "kind").chance(IDLE_SHARE);
    }

    /** Where item k starts: where the run of IDLE items before it began, else its own drawn place. */
    private Place location(int projectId, String userId, long k, UserProfile profile) {
        long j = k;
        for (int i = 0; i < MAX_IDLE_RUN && j > 0 && idle(projectId, userId, j - 1); i++) {
            j--;
        }
        int index = j == 0 ? UserProfile.HOME
                : SeededRandom.of(seed, projectId, userId, j, "place").weighted(UserProfile.PLACE_WEIGHTS);
        Place place = profile.places().get(index);
        // Each item start gets its own GPS noise; an item's end reuses the next item's start noise.
        double[] p = Geo.around(SeededRandom.of(seed, projectId, userId, k, "location"),
                place.latitude(), place.longitude(), 0, LOCATION_JITTER_METRES);
        return new Place(Geo.round(p[0], 6), Geo.round(p[1], 6), place.address(), place.timeZone());
    }

    private static String tripType(double straightMetres, SeededRandom r) {
        if (straightMetres < 6_000) {
            return new String[] {"CYCLING", "TRAM", "CAR", "METRO", "DRIVING"}[r.weighted(0.3, 0.25, 0.25, 0.15, 0.05)];
        }
        if (straightMetres < 15_000) {
            return new String[] {"CAR", "METRO", "TRAM", "CYCLING", "DRIVING"}[r.weighted(0.5, 0.2, 0.1, 0.1, 0.1)];
        }
        return new String[] {"CAR", "TRAIN", "DRIVING"}[r.weighted(0.45, 0.4, 0.15)];
    }

    /** Typical door-to-door average speeds in a city. */
    private static double speedKmh(String type, SeededRandom r) {
        return switch (type) {
            case "WALKING" -> r.between(4.0, 5.5);
            case "CYCLING" -> r.between(12.0, 20.0);
            case "TRAM" -> r.between(13.0, 20.0);
            case "METRO" -> r.between(27.0, 36.0);
            case "TRAIN" -> r.between(45.0, 80.0);
            default -> r.between(22.0, 45.0); // CAR, DRIVING
        };
    }
}
