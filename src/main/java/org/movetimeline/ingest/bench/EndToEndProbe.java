package org.movetimeline.ingest.bench;

import org.movetimeline.ingest.bench.SignedBatches.SignedBatch;
import org.movetimeline.ingest.moveapi.Rfc3339;
import org.movetimeline.ingest.simulator.Notification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Reads the outcome of the end-to-end phase from PostgreSQL: how many announced items became rows, how
 * fast, and each item's lag from the receiver's acknowledgement to its {@code fetched_at} (the fetch
 * whose upsert the same transaction commits).
 */
final class EndToEndProbe {

    private final String jdbcUrl;
    private final String user;

    /** @param lagP50Millis and the rest are over every acknowledged item that has a row */
    record Outcome(long expected, long persisted, double seconds, double lagP50Millis, double lagP99Millis,
                   double lagMaxMillis) {
        double itemsPerSecond() {
            return seconds <= 0 ? 0 : persisted / seconds;
        }
    }

    EndToEndProbe(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** Polls the row count until it reaches {@code expected} or {@code timeout} passes; returns the last count. */
    long awaitRows(long expected, Duration timeout, LongConsumer progress) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = 0;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            while (true) {
                long rows;
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM timeline_item")) {
                    result.next();
                    rows = result.getLong(1);
                }
                if (rows >= expected || System.nanoTime() > deadline) {
                    return rows;
                }
                if (System.nanoTime() - lastReport > 5e9) {
                    progress.accept(rows);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(200);
            }
        }
    }

    Outcome measure(List<SignedBatch> batches, long[] ackMillis, long firstSendMillis) throws SQLException {
        Map<String, Long> acknowledged = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            if (ackMillis[i] < 0) {
                continue;
            }
            for (Notification.Item item : batches.get(i).items()) {
                acknowledged.put(key(item.projectId(), item.userId(),
                        Rfc3339.parse(item.startTime()).getEpochSecond()), ackMillis[i]);
            }
        }
        long[] lags = new long[acknowledged.size()];
        int found = 0;
        long lastFetched = firstSendMillis;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT project_id, user_id, extract(epoch FROM start_ts)::bigint,
                            (extract(epoch FROM fetched_at) * 1000)::bigint
                     FROM timeline_item""")) {
            while (rows.next()) {
                Long ack = acknowledged.get(key(rows.getInt(1), rows.getString(2), rows.getLong(3)));
                if (ack != null) {
                    long fetched = rows.getLong(4);
                    lags[found++] = Math.max(0, fetched - ack);
                    lastFetched = Math.max(lastFetched, fetched);
                }
            }
        }
        long[] sorted = Arrays.copyOf(lags, found);
        Arrays.sort(sorted);
        return new Outcome(acknowledged.size(), found, (lastFetched - firstSendMillis) / 1000.0,
                Percentiles.of(sorted, 0.50), Percentiles.of(sorted, 0.99), Percentiles.of(sorted, 1.0));
    }

    private static String key(int projectId, String userId, long startEpochSecond) {
        return projectId + ":" + userId + ":" + startEpochSecond;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }
}
