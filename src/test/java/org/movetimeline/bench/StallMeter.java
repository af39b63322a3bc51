package org.movetimeline.bench;

/**
 * How long the pipeline stood still: the longest stretch during which acknowledged items were waiting and no new
 * row appeared. Nothing lost can still mean a minute of nothing done after a kill; this is the figure that shows how
 * fast the pipeline recovers. Fed with samples of (time, acknowledged, rows) as the soak takes them, in time order.
 */
final class StallMeter {

    private long rows = -1;
    private double since = Double.NaN;
    private double longest;
    private double longestFrom = Double.NaN;

    /** One sample: {@code seconds} since the start, items acknowledged so far, rows in the table now. */
    void sample(double seconds, long acknowledged, long rowsNow) {
        boolean waiting = rowsNow < acknowledged;
        if (!waiting) {
            since = Double.NaN;
        } else if (rowsNow > rows || Double.isNaN(since)) {
            since = seconds; // progress, or the first sample with work waiting
        } else if (seconds - since > longest) {
            longest = seconds - since;
            longestFrom = since;
        }
        rows = Math.max(rows, rowsNow);
    }

    /** Seconds of the longest stall so far (0 if none). */
    double longestSeconds() {
        return longest;
    }

    /** When it began, in seconds since the start; NaN if there was none. */
    double longestFrom() {
        return longestFrom;
    }
}
