package org.movetimeline.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

@io.quarkus.test.common.QuarkusTestResource(InfrastructureResource.class)
/** Points every @QuarkusTest at the real broker, a fresh real database and the fake MOVE backend of this test JVM. */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        TestDatabase db = TestDatabase.shared();
        FakeMoveApi move = FakeMoveApi.shared();
        return Map.of(
                "move.api.base-url", move.baseUrl(),
                "quarkus.rest-client.move-api.url", move.baseUrl(),
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // Broker and database outlive a Quarkus restart between test profiles; shutdown hooks end them.
    }
}
