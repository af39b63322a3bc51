package org.movetimeline.bench;

import org.movetimeline.bench.FirehoseLedger.RowKey;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of the Sentiance phase, from what was sent ({@link FirehoseLedger}) and the rows found.
 *
 * @param messagesAccepted  messages in deliveries answered 200 (first sends)
 * @param sendSeconds       from the first send to the last delivery's 200
 * @param transports        distinct transports sent against sentiance_transport
 * @param others            distinct other messages sent against sentiance_message
 * @param seconds           from the first send to the newest row of the phase (fetched_at, received_at)
 * @param apiCalls          calls the simulated Sentiance API answered meanwhile, every status
 */
record SentianceOutcome(long messagesAccepted, long deliveries, double sendSeconds, Tally transports, Tally others,
                        double seconds, double transportSeconds, Lags transportLag, Lags messageLag, long apiCalls,
                        Map<Integer, Long> apiStatuses) {

    /**
     * Sent against stored: {@code lost} were sent and have no row, {@code extra} rows were never sent (a row per
     * key is all the primary key allows, so a message stored twice would show as an extra row under another key).
     */
    record Tally(long sent, long stored, long matched) {
        long lost() {
            return sent - matched;
        }

        long extra() {
            return stored - matched;
        }
    }

    /** Delivery (its 200) to row, over the matched rows; nearest rank, milliseconds. */
    record Lags(double p50, double p99, double max) {
        static Lags of(long[] lags) {
            long[] sorted = lags.clone();
            Arrays.sort(sorted);
            return new Lags(Percentiles.of(sorted, 0.5), Percentiles.of(sorted, 0.99), Percentiles.of(sorted, 1.0));
        }
    }

    /**
     * @param transportRows every sentiance_transport row, its fetched_at (epoch ms)
     * @param messageRows   every sentiance_message row, its received_at (epoch ms)
     */
    static SentianceOutcome of(FirehoseLedger ledger, long firstSendMillis, long lastAcceptedMillis,
                               Map<RowKey, Long> transportRows, Map<RowKey, Long> messageRows, long apiCalls,
                               Map<Integer, Long> apiStatuses) {
        Matched t = match(ledger.transports(), transportRows, firstSendMillis);
        Matched m = match(ledger.others(), messageRows, firstSendMillis);
        return new SentianceOutcome(ledger.messages(), ledger.deliveries(),
                (lastAcceptedMillis - firstSendMillis) / 1000.0, t.tally, m.tally,
                (Math.max(t.lastRow, m.lastRow) - firstSendMillis) / 1000.0, (t.lastRow - firstSendMillis) / 1000.0,
                Lags.of(t.lags), Lags.of(m.lags), apiCalls, Map.copyOf(apiStatuses));
    }

    private record Matched(Tally tally, long[] lags, long lastRow) {
    }

    private static Matched match(Map<RowKey, Long> sent, Map<RowKey, Long> rows, long firstSendMillis) {
        long[] lags = new long[sent.size()];
        int found = 0;
        long lastRow = firstSendMillis;
        for (Map.Entry<RowKey, Long> e : sent.entrySet()) {
            Long row = rows.get(e.getKey());
            if (row != null) {
                // The consumer may fetch before the sender has read the 200: that is no lag, not a negative one.
                lags[found++] = Math.max(0, row - e.getValue());
                lastRow = Math.max(lastRow, row);
            }
        }
        return new Matched(new Tally(sent.size(), rows.size(), found), Arrays.copyOf(lags, found), lastRow);
    }

    double messagesAcceptedPerSecond() {
        return rate(messagesAccepted, sendSeconds);
    }

    /** Transports stored over the time to the last transport row. */
    double transportsPerSecond() {
        return rate(transports.matched(), transportSeconds);
    }

    double apiCallsPerSecond() {
        return rate(apiCalls, seconds);
    }

    long lost() {
        return transports.lost() + others.lost();
    }

    long extra() {
        return transports.extra() + others.extra();
    }

    String summaryFields() {
        return String.format(Locale.ROOT, "sentiance_e2e_transports_per_s=%d sentiance_e2e_p99_lag_ms=%d sentiance_lost=%d",
                Math.round(transportsPerSecond()), Math.round(transportLag.p99()), lost());
    }

    private static double rate(double count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
