package org.movetimeline.bench;

import org.junit.jupiter.api.Test;
import org.movetimeline.bench.ChaosEvents.Kind;
import org.movetimeline.bench.ChaosEvents.Planned;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The soak's schedule must be the same for everyone with the same seed, and random in the way it claims. */
class ChaosEventsTest {

    private static final List<Kind> ALL = List.of(Kind.RECEIVER, Kind.INGEST, Kind.BROKER, Kind.DB);
    private static final Duration MEAN = Duration.ofSeconds(5);
    private static final Duration MAX_DOWN = Duration.ofSeconds(4);

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnotherOne() {
        List<Planned> first = ChaosEvents.first(50, 42, MEAN, ALL, MAX_DOWN);

        assertEquals(first, ChaosEvents.first(50, 42, MEAN, ALL, MAX_DOWN));
        assertNotEquals(first, ChaosEvents.first(50, 43, MEAN, ALL, MAX_DOWN));
        assertEquals(List.of(1, 2, 3), first.subList(0, 3).stream().map(Planned::number).toList());
    }

    @Test
    void everyRoundHasEachEnabledKindOnceInARandomOrder() {
        List<Planned> events = ChaosEvents.first(400, 7, MEAN, ALL, MAX_DOWN);
        Set<List<Kind>> orders = new HashSet<>();
        for (int i = 0; i < events.size(); i += ALL.size()) {
            List<Kind> round = events.subList(i, i + ALL.size()).stream().map(Planned::kind).toList();
            assertEquals(Set.copyOf(ALL), Set.copyOf(round), "round " + i / ALL.size() + ": " + round);
            orders.add(round);
        }
        assertTrue(orders.size() > 12, "the order varies from round to round: " + orders.size() + " of 24 seen");

        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        ChaosEvents.first(9, 7, MEAN, List.of(Kind.INGEST, Kind.DB), MAX_DOWN).forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        assertEquals(Set.of(Kind.INGEST, Kind.DB), counts.keySet(), "only the enabled kinds");
        assertEquals(1, Math.abs(counts.get(Kind.INGEST) - counts.get(Kind.DB)), "as even as 9 events allow: " + counts);
    }

    @Test
    void gapsAreExponentialAroundTheMeanWithinTheirBoundsAndDownTimesUniform() {
        List<Planned> events = ChaosEvents.first(20_000, 1, MEAN, ALL, MAX_DOWN);
        double meanGap = events.stream().mapToLong(e -> e.gap().toMillis()).average().orElseThrow();
        double meanDown = events.stream().mapToLong(e -> e.down().toMillis()).average().orElseThrow();
        long belowMean = events.stream().filter(e -> e.gap().compareTo(MEAN) < 0).count();

        // Exponential clipped to [0.05, 4] x mean: the clipped tail takes about 1.7 % off the mean.
        assertEquals(MEAN.toMillis() * 0.983, meanGap, MEAN.toMillis() * 0.03);
        // 1 - 1/e of an exponential lies below its mean (a constant gap would put none or all there).
        assertEquals(0.632, belowMean / 20_000.0, 0.02);
        assertTrue(events.stream().allMatch(e -> e.gap().toMillis() >= MEAN.toMillis() * ChaosEvents.MIN_GAP_FACTOR
                && e.gap().toMillis() <= MEAN.toMillis() * ChaosEvents.MAX_GAP_FACTOR));
        assertEquals(MAX_DOWN.toMillis() / 2.0, meanDown, MAX_DOWN.toMillis() * 0.03);
        assertTrue(events.stream().allMatch(e -> !e.down().isNegative() && e.down().compareTo(MAX_DOWN) <= 0));
        long hard = events.stream().filter(Planned::hard).count();
        assertEquals(0.5, hard / 20_000.0, 0.02, "half the broker and database stops are hard ones");
    }

    @Test
    void withoutDownTimeEveryPartComesBackAtOnce() {
        assertTrue(ChaosEvents.first(100, 3, MEAN, ALL, Duration.ZERO).stream().allMatch(e -> e.down().isZero()));
    }

    @Test
    void kindsAreParsedFromWordsWithoutRepeatsAndUnknownWordsAreRefused() {
        assertEquals(List.of(Kind.RECEIVER, Kind.DB), ChaosEvents.parse(List.of("receiver", "DB", "receiver")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChaosEvents.parse(List.of("network")));
        assertTrue(e.getMessage().contains("network") && e.getMessage().contains("receiver ingest broker db"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChaosEvents(1, MEAN, List.of(), MAX_DOWN));
        assertThrows(IllegalArgumentException.class, () -> new ChaosEvents(1, Duration.ZERO, ALL, MAX_DOWN));
    }
}
