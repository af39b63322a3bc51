package org.movetimeline.simulator;

import org.movetimeline.timeline.Rfc3339;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dresses an {@link ItemPlan} as the full timeline item JSON: locations, GPS statistics,
 * transport probabilities, distractions, driving events, scores that follow from them, SDK
 * metadata and the energy estimate (the feature kind the service does not know).
 */
final class ItemFactory {

    private static final String[] TRIP_TYPES = {"CAR", "DRIVING", "TRAIN", "TRAM", "METRO", "CYCLING"};
    private static final String[] DISTRACTION_TYPES = {"HANDHELD", "HANDHELD_CALL", "HANDS_FREE_CALL", "SCREEN_ON"};
    private static final String[] EVENT_TYPES = {"HARSH_BRAKING", "HARSH_ACCELERATION", "HARSH_CORNERING", "SPEEDING"};

    private final long seed;

    ItemFactory(long seed) {
        this.seed = seed;
    }

    TimelineItem item(ItemPlan plan) {
        SeededRandom r = SeededRandom.of(seed, plan.projectId(), plan.userId(), plan.k(), "features");
        UserProfile profile = plan.profile();
        TimelineItem.Metas metas = new TimelineItem.Metas(profile.sdkVersion(), profile.os());
        TimelineItem.Features features;
        if (!plan.hasGps()) {
            features = new TimelineItem.Features(location(plan.from()), location(plan.to()),
                    null, null, null, null, null, metas, energy(plan));
        } else {
            List<TimelineItem.PhoneDistraction> distractions = distractions(plan, r);
            List<TimelineItem.DrivingBehaviorEvent> events = events(plan, r);
            features = new TimelineItem.Features(location(plan.from()), location(plan.to()),
                    new TimelineItem.GpsStats(Geo.round(plan.pathMetres(), 1), Geo.round(plan.averageKmh(), 1),
                            Geo.round(plan.maxKmh(), 1), GpsTrack.count(plan)),
                    new TimelineItem.Transport(plan.type(), probabilities(plan.type(), r)),
                    scores(plan, distractions, events),
                    distractions, events, metas, energy(plan));
        }
        return new TimelineItem(plan.projectId(), plan.userId(), Rfc3339.format(plan.start()),
                Rfc3339.format(plan.end()), plan.type(), features);
    }

    /** The notifier's view of the same item. */
    static Notification.Item notification(ItemPlan plan) {
        return new Notification.Item(plan.projectId(), plan.userId(), Rfc3339.format(plan.start()),
                Rfc3339.format(plan.end()), plan.type());
    }

    private static TimelineItem.Location location(Place p) {
        return new TimelineItem.Location(p.latitude(), p.longitude(), p.address(), p.timeZone());
    }

    /** The detected type first, then two runners-up; rounded so they add up to exactly 1.00. */
    private static Map<String, Double> probabilities(String type, SeededRandom r) {
        List<String> others = new ArrayList<>();
        for (String t : TRIP_TYPES) {
            if (!t.equals(type)) {
                others.add(t);
            }
        }
        String second = others.remove(r.nextInt(others.size()));
        String third = others.get(r.nextInt(others.size()));
        double rest = 1 - r.between(0.6, 0.97);
        double p2 = Math.max(0.01, Geo.round(rest * r.between(0.55, 0.9), 2));
        double p3 = Math.max(0.01, Geo.round(rest - p2, 2));
        Map<String, Double> result = new LinkedHashMap<>();
        result.put(type, Geo.round(1 - p2 - p3, 2));
        result.put(second, p2);
        result.put(third, p3);
        return result;
    }

    private static List<TimelineItem.PhoneDistraction> distractions(ItemPlan plan, SeededRandom r) {
        int count = r.weighted(0.45, 0.3, 0.15, 0.1);
        long duration = plan.durationSeconds();
        List<long[]> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long length = Math.min(duration / 4, r.between(5, 120));
            long from = (long) r.between(0, duration - length);
            spans.add(new long[] {from, length, r.nextInt(DISTRACTION_TYPES.length)});
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        List<TimelineItem.PhoneDistraction> result = new ArrayList<>();
        long busyUntil = -1;
        for (long[] s : spans) {
            // One phone, one distraction at a time: push overlapping ones back, drop what no longer fits.
            s[0] = Math.max(s[0], busyUntil + 1);
            if (s[0] + s[1] > duration) {
                continue;
            }
            busyUntil = s[0] + s[1];
            result.add(new TimelineItem.PhoneDistraction(Rfc3339.format(plan.start().plusSeconds(s[0])),
                    Rfc3339.format(plan.start().plusSeconds(s[0] + s[1])), DISTRACTION_TYPES[(int) s[2]]));
        }
        return result;
    }

    /** Harsh manoeuvres are only detected when the user drives; an empty list otherwise. */
    private static List<TimelineItem.DrivingBehaviorEvent> events(ItemPlan plan, SeededRandom r) {
        List<TimelineItem.DrivingBehaviorEvent> result = new ArrayList<>();
        if (!driving(plan.type())) {
            return result;
        }
        int count = r.weighted(0.35, 0.25, 0.15, 0.1, 0.1, 0.05);
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = (long) r.between(0, plan.durationSeconds());
        }
        Arrays.sort(offsets);
        for (long offset : offsets) {
            result.add(new TimelineItem.DrivingBehaviorEvent(Rfc3339.format(plan.start().plusSeconds(offset)),
                    r.pick(EVENT_TYPES), Geo.round(r.between(0.1, 1.0), 2)));
        }
        return result;
    }

    /** Scores follow from what happened on the trip, so the data set is internally consistent. */
    private static TimelineItem.Scores scores(ItemPlan plan, List<TimelineItem.PhoneDistraction> distractions,
                                              List<TimelineItem.DrivingBehaviorEvent> events) {
        double distractionPenalty = 0;
        for (TimelineItem.PhoneDistraction d : distractions) {
            long seconds = Instant.parse(d.endTs()).getEpochSecond()
                    - Instant.parse(d.startTs()).getEpochSecond();
            distractionPenalty += 4 + seconds / 8.0;
        }
        double safenessPenalty = 0;
        for (TimelineItem.DrivingBehaviorEvent e : events) {
            safenessPenalty += 4 + e.value() * 12;
        }
        // Passengers of a train or tram are not speeding; drivers are judged against 60 km/h.
        double speedingPenalty = driving(plan.type()) ? Math.max(0, plan.maxKmh() - 60) * 1.2 : 0;
        int distraction = clampScore(100 - distractionPenalty);
        int safeness = clampScore(100 - safenessPenalty);
        int speeding = clampScore(100 - speedingPenalty);
        int total = clampScore(0.4 * safeness + 0.3 * distraction + 0.3 * speeding);
        return new TimelineItem.Scores(total, safeness, distraction, speeding);
    }

    /** Typical consumption and emissions per passenger-kilometre. */
    private static TimelineItem.EnergyEstimate energy(ItemPlan plan) {
        double km = plan.pathMetres() / 1000;
        double[] perKm = switch (plan.type()) {
            case "CAR", "DRIVING" -> new double[] {0.6, 160};
            case "TRAIN" -> new double[] {0.08, 28};
            case "TRAM", "METRO" -> new double[] {0.07, 22};
            default -> new double[] {0, 0}; // IDLE, WALKING, CYCLING: no motor
        };
        return new TimelineItem.EnergyEstimate(Geo.round(km * perKm[0], 2), (int) Math.round(km * perKm[1]));
    }

    private static boolean driving(String type) {
        return "CAR".equals(type) || "DRIVING".equals(type);
    }

    private static int clampScore(double value) {
        return (int) Math.max(0, Math.min(100, Math.round(value)));
    }
}
