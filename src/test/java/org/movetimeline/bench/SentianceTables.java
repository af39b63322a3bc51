package org.movetimeline.bench;

import org.movetimeline.bench.FirehoseLedger.RowKey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** The Sentiance phase's view of PostgreSQL: the row counts while waiting, then every row's key and time. */
final class SentianceTables {

    /** Rows of sentiance_transport and of sentiance_message. */
    record Counts(long transports, long messages) {
        boolean reached(long wantedTransports, long wantedMessages) {
            return transports >= wantedTransports && messages >= wantedMessages;
        }
    }

    private final String jdbcUrl;
    private final String user;

    SentianceTables(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** Polls both counts until they reach the wanted ones or {@code timeout} passes; returns the last counts. */
    Counts awaitRows(long transports, long messages, Duration timeout, Consumer<Counts> progress)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            while (true) {
                Counts counts;
                try (ResultSet r = statement.executeQuery(
                        "SELECT (SELECT count(*) FROM sentiance_transport), (SELECT count(*) FROM sentiance_message)")) {
                    r.next();
                    counts = new Counts(r.getLong(1), r.getLong(2));
                }
                if (counts.reached(transports, messages) || System.nanoTime() > deadline) {
                    return counts;
                }
                if (System.nanoTime() - lastReport > 5e9) {
                    progress.accept(counts);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(200);
            }
        }
    }

    /** Every transport row's key and fetched_at (epoch ms). */
    Map<RowKey, Long> transportRows() throws SQLException {
        return rows("SELECT app_id, user_id, event_id, (extract(epoch FROM fetched_at) * 1000)::bigint FROM sentiance_transport");
    }

    /** Every raw message row's key and received_at (epoch ms). */
    Map<RowKey, Long> messageRows() throws SQLException {
        return rows("SELECT app_id, user_id, digest, (extract(epoch FROM received_at) * 1000)::bigint FROM sentiance_message");
    }

    private Map<RowKey, Long> rows(String query) throws SQLException {
        Map<RowKey, Long> rows = new HashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery(query)) {
            while (r.next()) {
                rows.put(new RowKey(r.getString(1), r.getString(2), r.getString(3)), r.getLong(4));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }
}
