package org.movetimeline.bench;

import java.util.Arrays;

/**
 * What one load phase measured. Latencies are from the moment a batch was due to be sent to the moment
 * its answer arrived, so time spent waiting for a free connection counts too.
 */
record PhaseResult(String name, int concurrency, double seconds, long itemsAcknowledged, long batchesAcknowledged,
                   long failures, long[] sortedLatencyNanos) {

    static PhaseResult of(String name, int concurrency, double seconds, long failures, long[] latencyNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new PhaseResult(name, concurrency, seconds, sorted.length * (long) SignedBatches.ITEMS_PER_BATCH,
                sorted.length, failures, sorted);
    }

    double itemsPerSecond() {
        return seconds <= 0 ? 0 : itemsAcknowledged / seconds;
    }

    double p50Millis() {
        return percentileMillis(0.50);
    }

    double p99Millis() {
        return percentileMillis(0.99);
    }

    double maxMillis() {
        return percentileMillis(1.0);
    }

    double percentileMillis(double fraction) {
        return Percentiles.of(sortedLatencyNanos, fraction) / 1e6;
    }
}
