package org.movetimeline.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where the tests' Kafka and PostgreSQL are: by default the broker of bin/kafka-broker and a fresh database on the local
 * server; with {@code -Dtests.devservices} (which application.properties also reads, to switch Dev Services on) the
 * containers Quarkus Dev Services start through Testcontainers, which needs a Docker or Podman engine.
 */
public final class Infrastructure {

    private static volatile Map<String, String> devServicesProperties = Map.of();

    private Infrastructure() {
    }

    public static boolean devServices() {
        return Boolean.getBoolean("tests.devservices");
    }

    /** What Dev Services gave the application; set by InfrastructureResource before the application starts. */
    static void devServicesProperties(Map<String, String> properties) {
        devServicesProperties = Map.copyOf(properties);
    }

    public static String kafkaBootstrapServers() {
        return devServices() ? devServicesProperty("kafka.bootstrap.servers") : KafkaBroker.shared().bootstrapServers();
    }

    /** A connection to the application's database, as a downstream reader of its tables would open one. */
    public static Connection connectToDatabase() throws SQLException {
        if (!devServices()) {
            return TestDatabase.shared().connect();
        }
        return DriverManager.getConnection(devServicesProperty("quarkus.datasource.jdbc.url"),
                devServicesProperty("quarkus.datasource.username"), devServicesProperty("quarkus.datasource.password"));
    }

    // @QuarkusIntegrationTest hands Dev Services' settings to the resources only; a @QuarkusTest runs inside the
    // application's configuration, which holds them.
    private static String devServicesProperty(String name) {
        String value = devServicesProperties.get(name);
        return value != null ? value : ConfigProvider.getConfig().getOptionalValue(name, String.class)
                .orElseThrow(() -> new IllegalStateException("-Dtests.devservices is on but Dev Services set no " + name
                        + ": is a Docker or Podman engine answering? (the build log says why Dev Services did not start)"));
    }
}
