package org.movetimeline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database on the local PostgreSQL server for this test JVM, dropped when it exits.
 * TEST_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/postgres, user postgres) names the server.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private TestDatabase(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = "mti_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static synchronized TestDatabase shared() {
        if (instance == null) {
            instance = new TestDatabase(
                    env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                    env("TEST_POSTGRES_USER", "postgres"),
                    env("TEST_POSTGRES_PASSWORD", ""));
            instance.execute("CREATE DATABASE " + instance.name);
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> instance.execute("DROP DATABASE IF EXISTS " + instance.name + " WITH (FORCE)"), "test-db-drop"));
        }
        return instance;
    }

    public String jdbcUrl() {
        return serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * A database outage for this test JVM alone (the server may be shared): while refused, no new connection
     * to the test database succeeds, and the ones open now are terminated by the server.
     */
    public void refuseConnections(boolean refuse) {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + !refuse);
        if (refuse) {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " refused '" + sql + "': " + e.getMessage()
                    + " (is the local server running? pg_ctlcluster --skip-systemctl-redirect 15 main start)", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
