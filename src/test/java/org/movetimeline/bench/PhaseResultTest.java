package org.movetimeline.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The figures the benchmark prints are what people compare runs by, so their arithmetic is pinned down. */
class PhaseResultTest {

    @Test
    void nearestRankPercentilesOfTheAnsweredBatches() {
        // 1..200 ms, shuffled: p50 is the 100th value, p99 the 198th, max the 200th.
        long[] latencies = LongStream.rangeClosed(1, 200).map(ms -> ((ms * 7919) % 200 + 1) * 1_000_000).toArray();

        PhaseResult phase = PhaseResult.of("closed loop", 4, 2.0, 3, latencies);

        assertEquals(100.0, phase.p50Millis());
        assertEquals(198.0, phase.p99Millis());
        assertEquals(200.0, phase.maxMillis());
        assertEquals(200, phase.batchesAcknowledged());
        assertEquals(200_000, phase.itemsAcknowledged());
        assertEquals(100_000.0, phase.itemsPerSecond(), "only answered batches count, over the phase's length");
        assertEquals(3, phase.failures());
    }

    @Test
    void aPhaseWithoutAnswersReportsZerosNotAnError() {
        PhaseResult phase = PhaseResult.of("half load", 32, 15.0, 375, new long[0]);

        assertEquals(0.0, phase.p99Millis());
        assertEquals(0.0, phase.itemsPerSecond());
    }

    @Test
    void percentilesOfASingleValueAreThatValue() {
        assertEquals(7, Percentiles.of(new long[] {7}, 0.5));
        assertEquals(7, Percentiles.of(new long[] {7}, 0.99));
        assertEquals(3, Percentiles.of(new long[] {1, 2, 3, 4}, 0.75));
    }
}
