package org.movetimeline.bench;

import org.movetimeline.bench.SignedBatches.SignedBatch;
import org.movetimeline.timeline.Rfc3339;
import org.movetimeline.simulator.Notification;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.IntPredicate;
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

    /**
     * A single connection's {@code COPY ... FROM STDIN} of the phase's rows into a temporary copy of the table
     * (same columns and primary key): what PostgreSQL alone takes to store them, the yardstick of the
     * end-to-end rate. A temporary table writes no WAL, so this is an upper bound of what the real table takes.
     */
    record CopyBaseline(long rows, long bytes, double seconds) {
        double rowsPerSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
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
        return measure(batches, ackMillis, firstSendMillis, project -> true);
    }

    /** Acknowledged items of the projects {@code counted} accepts; used when one project is meant to fail. */
    static long acknowledgedItems(List<SignedBatch> batches, long[] ackMillis, IntPredicate counted) {
        long items = 0;
        for (int i = 0; i < batches.size(); i++) {
            if (ackMillis[i] >= 0) {
                items += batches.get(i).items().stream().filter(item -> counted.test(item.projectId())).count();
            }
        }
        return items;
    }

    /** As {@link #measure(List, long[], long)}, over the items of the projects {@code counted} accepts only. */
    Outcome measure(List<SignedBatch> batches, long[] ackMillis, long firstSendMillis, IntPredicate counted)
            throws SQLException {
        Map<String, Long> acknowledged = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            if (ackMillis[i] < 0) {
                continue;
            }
            for (Notification.Item item : batches.get(i).items()) {
                if (!counted.test(item.projectId())) {
                    continue;
                }
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

    /** Empties the table (and its points) so that the next phase counts its own rows only. */
    void clear() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE timeline_item CASCADE");
        }
    }

    /**
     * Copies every row of timeline_item out to {@code scratch} (binary COPY, untimed), then times the COPY of
     * that file into a temporary table; the file is deleted afterwards.
     */
    CopyBaseline copyBaseline(Path scratch) throws SQLException, IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 20)) {
                copy.copyOut("COPY timeline_item TO STDOUT (FORMAT binary)", out);
            }
            statement.execute("CREATE TEMP TABLE timeline_item_copy (LIKE timeline_item INCLUDING INDEXES)");
            long start = System.nanoTime();
            long rows;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(scratch), 1 << 20)) {
                rows = copy.copyIn("COPY timeline_item_copy FROM STDIN (FORMAT binary)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new CopyBaseline(rows, Files.size(scratch), seconds);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static String key(int projectId, String userId, long startEpochSecond) {
        return projectId + ":" + userId + ":" + startEpochSecond;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }
}
