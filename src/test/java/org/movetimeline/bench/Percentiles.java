package org.movetimeline.bench;

/** Nearest-rank percentiles of an ascending array, as load-testing tools report them. */
final class Percentiles {

    private Percentiles() {
    }

    /** The value at {@code fraction} (0.5 = median, 1.0 = maximum); 0 for an empty array. */
    static long of(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
