package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/** The PostgreSQL database of a chaos soak, which it may stop and start again. */
interface ChaosDatabase extends AutoCloseable {

    Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    /** Opens the database {@code settings} describe, starting a throwaway cluster if it is the soak's own. */
    static ChaosDatabase open(ChaosSettings.Database settings, Path logDir) throws IOException, InterruptedException, SQLException {
        ChaosDatabase database = settings.own() ? ThrowawayPostgres.create(settings, logDir) : new External(settings, logDir);
        try {
            database.recreate();
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** JDBC URL of the soak's database, for the service. */
    String jdbcUrl();

    String user();

    String password();

    /** One line for the report: what server, how it is stopped. */
    String describe();

    /** Whether {@link #stop} and {@link #start} may be used. */
    boolean restartable();

    /** Stops the server; {@code hard}: without a checkpoint, as a crash would (only where the server allows it). */
    void stop(boolean hard) throws IOException, InterruptedException;

    /** Starts the server again and returns once it accepts connections. */
    void start() throws IOException, InterruptedException;

    /** Stops what the soak started and deletes what it created for itself; an external database keeps its rows. */
    @Override
    void close();

    /** A connection for the soak's own queries, with short timeouts so that a stopped server does not hang them. */
    default Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        props.setProperty("password", password());
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Waits until the soak's database takes connections again (after {@link #start}). */
    default void awaitAccepting(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (Connection ignored = connect()) {
                return;
            } catch (SQLException notYet) {
                if ("3D000".equals(notYet.getSQLState())) {
                    return; // the server answers; the soak's database is created next
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL does not take connections within " + within.toSeconds() + " s: "
                            + notYet.getMessage());
                }
                Thread.sleep(250);
            }
        }
    }

    /** Drops the soak's database if it exists and creates it empty; the service's Flyway makes the tables. */
    void recreate() throws SQLException;

    /** DROP and CREATE through the server's maintenance database {@code postgres}. */
    static void recreate(String serverUrl, String user, String password, String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try (Connection connection = DriverManager.getConnection(serverUrl + "/postgres", user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** A server the soak did not start: stopped only by the commands the user gave (CHAOS_DB_STOP/START_COMMAND). */
    final class External implements ChaosDatabase {

        private final ChaosSettings.Database settings;
        private final Path log;

        External(ChaosSettings.Database settings, Path logDir) {
            this.settings = settings;
            this.log = logDir.resolve("postgres-commands.log");
        }

        private String serverUrl() {
            return "jdbc:postgresql://" + settings.host() + ":" + settings.port();
        }

        @Override
        public void recreate() throws SQLException {
            ChaosDatabase.recreate(serverUrl(), settings.user(), settings.password(), settings.name());
        }

        @Override
        public String jdbcUrl() {
            return serverUrl() + "/" + settings.name();
        }

        @Override
        public String user() {
            return settings.user();
        }

        @Override
        public String password() {
            return settings.password();
        }

        @Override
        public String describe() {
            return "external PostgreSQL at " + settings.host() + ":" + settings.port() + ", database " + settings.name()
                    + (restartable() ? "; stopped with `" + settings.stopCommand().get() + "`, started with `"
                    + settings.startCommand().get() + "`" : "; never stopped (no CHAOS_DB_STOP/START_COMMAND)");
        }

        @Override
        public boolean restartable() {
            return settings.restartable();
        }

        @Override
        public void stop(boolean hard) throws IOException, InterruptedException {
            Commands.shell(settings.stopCommand().orElseThrow(), log, COMMAND_TIMEOUT);
        }

        @Override
        public void start() throws IOException, InterruptedException {
            Commands.shell(settings.startCommand().orElseThrow(), log, COMMAND_TIMEOUT);
            awaitAccepting(COMMAND_TIMEOUT);
        }

        @Override
        public void close() {
            // a user's server: the rows stay for a look, as bench/run leaves its database
        }
    }
}
