package org.movetimeline.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The seeded schedule of the chaos soak: what breaks next, after how long, for how long. One event at a time;
 * the gap before each is drawn from an exponential distribution (a Poisson process: events come at random, without
 * a rhythm the service could fall into step with), the time the part stays down uniformly from 0 to the maximum.
 * Kinds come in rounds: each round is the enabled kinds in a random order, so that even a short run has every kind,
 * and a long one has them equally often. The same seed gives the same sequence on every machine; only how long each
 * restart takes differs. Not thread-safe.
 */
final class ChaosEvents {

    /** Shortest and longest gap, as multiples of the mean: never two events at the same instant, no endless lull. */
    static final double MIN_GAP_FACTOR = 0.05;
    static final double MAX_GAP_FACTOR = 4.0;

    enum Kind {
        /** kill -9 of the receiver process, restarted after the down time. */
        RECEIVER("receiver"),
        /** kill -9 of the ingest process, restarted after the down time. */
        INGEST("ingest"),
        /** the Kafka broker stopped (SIGTERM, or kill -9 when hard) and started again. */
        BROKER("broker"),
        /** PostgreSQL stopped (pg_ctl -m fast, or -m immediate when hard) and started again. */
        DB("db");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        static Kind of(String word) {
            for (Kind kind : values()) {
                if (kind.word.equals(word.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown event '" + word + "'; known: receiver ingest broker db");
        }
    }

    /**
     * One event of the schedule.
     *
     * @param number 1-based
     * @param gap    wait after the previous event has recovered (or after the start) before this one
     * @param down   how long the part stays down before it is started again
     * @param hard   the broker is killed with -9 instead of stopped; PostgreSQL stops with {@code -m immediate}
     *               (no checkpoint, crash recovery at the next start) instead of {@code -m fast}; no meaning for
     *               the service processes, which are always killed with -9
     */
    record Planned(int number, Duration gap, Kind kind, Duration down, boolean hard) {
    }

    private final Random random;
    private final Duration meanGap;
    private final List<Kind> kinds;
    private final Duration maxDown;
    private final Deque<Kind> round = new ArrayDeque<>();
    private int count;

    ChaosEvents(long seed, Duration meanGap, List<Kind> kinds, Duration maxDown) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no events enabled");
        }
        if (meanGap.isNegative() || meanGap.isZero()) {
            throw new IllegalArgumentException("the mean gap between events must be positive");
        }
        this.random = new Random(seed);
        this.meanGap = meanGap;
        this.kinds = List.copyOf(new LinkedHashSet<>(kinds));
        this.maxDown = maxDown;
    }

    /** The kinds named in {@code words} (receiver ingest broker db), in order, without repeats. */
    static List<Kind> parse(List<String> words) {
        Set<Kind> kinds = new LinkedHashSet<>();
        words.forEach(w -> kinds.add(Kind.of(w)));
        return List.copyOf(kinds);
    }

    List<Kind> kinds() {
        return kinds;
    }

    /** The next event. */
    Planned next() {
        if (round.isEmpty()) {
            List<Kind> shuffled = new ArrayList<>(kinds);
            Collections.shuffle(shuffled, random);
            round.addAll(shuffled);
        }
        double u = random.nextDouble();
        double gapFactor = Math.min(MAX_GAP_FACTOR, Math.max(MIN_GAP_FACTOR, -Math.log(1 - u)));
        Kind kind = round.removeFirst();
        double downFraction = random.nextDouble();
        boolean hard = random.nextBoolean();
        return new Planned(++count, scale(meanGap, gapFactor), kind, scale(maxDown, downFraction), hard);
    }

    /** The first {@code n} events of a fresh schedule with these settings. */
    static List<Planned> first(int n, long seed, Duration meanGap, List<Kind> kinds, Duration maxDown) {
        ChaosEvents events = new ChaosEvents(seed, meanGap, kinds, maxDown);
        List<Planned> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(events.next());
        }
        return out;
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
