package org.movetimeline.testsupport;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

@io.quarkus.test.common.QuarkusTestResource(InfrastructureResource.class)
/**
 * Points every @QuarkusTest and @QuarkusIntegrationTest at the real broker, a fresh real database and the fake MOVE
 * and Sentiance backends of this test JVM; under {@code -Dtests.devservices} it starts neither broker nor database
 * and leaves both to Quarkus Dev Services (see {@link Infrastructure}).
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        Infrastructure.devServicesProperties(context.devServicesProperties());
    }

    @Override
    public Map<String, String> start() {
        FakeMoveApi move = FakeMoveApi.shared();
        Map<String, String> config = new HashMap<>(brokerConfig());
        config.put("move.api.base-url", move.baseUrl());
        config.put("quarkus.rest-client.move-api.url", move.baseUrl());
        FakeSentianceApi sentiance = FakeSentianceApi.shared();
        config.put("sentiance.api.base-url", sentiance.baseUrl());
        config.put("quarkus.rest-client.sentiance-api.url", sentiance.baseUrl());
        if (!Infrastructure.devServices()) {
            TestDatabase db = TestDatabase.shared();
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.user());
            config.put("quarkus.datasource.password", db.password());
        }
        return config;
    }

    /** The broker's address for the application, or nothing when Dev Services provide it. */
    public static Map<String, String> brokerConfig() {
        return Infrastructure.devServices() ? Map.of() : Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // Broker and database outlive a Quarkus restart between test profiles; shutdown hooks end them.
    }
}
