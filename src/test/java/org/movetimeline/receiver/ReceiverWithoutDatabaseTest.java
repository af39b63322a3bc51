package org.movetimeline.receiver;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.ReceiverOnlyProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.testsupport.InfrastructureResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.movetimeline.receiver.WebhookReceiverTest.post;

/** The receiver role needs Kafka and nothing else: with PostgreSQL unreachable it starts, is ready and accepts. */
@QuarkusTest
@TestProfile(ReceiverWithoutDatabaseTest.NoDatabase.class)
class ReceiverWithoutDatabaseTest {

    /** Nothing listens on port 1: any connection attempt, Flyway's at start-up included, would fail. */
    public static class NoDatabase extends ReceiverOnlyProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/none");
            return overrides;
        }

        // The global InfrastructureResource would point the datasource at the real test database.
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BrokerOnly.class));
        }
    }

    public static class BrokerOnly implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return InfrastructureResource.brokerConfig();
        }

        @Override
        public void stop() {
            // the shared broker outlives this profile; its shutdown hook ends it
        }
    }

    @Inject
    InjectableInstance<AgroalDataSource> dataSource;
    @Inject
    InjectableInstance<Session> session;

    @Test
    void neitherConnectionPoolNorPersistenceUnitIsActive() {
        assertFalse(dataSource.getHandle().getBean().isActive(), "datasource");
        assertFalse(session.getHandle().getBean().isActive(), "Hibernate ORM");
    }

    @Test
    void readinessListsKafkaOnly() {
        Management.given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", contains("kafka"));
    }

    @Test
    void signedBatchIsAcceptedAndOnTheTopic() {
        String item = Webhook.item(3000, "no-db", Webhook.BASE);
        String body = Webhook.batch(List.of(item));
        try (TopicReader notifications = TopicReader.from("move.timeline.notifications")) {
            post(body, Webhook.signature(body, Webhook.SECRET_OLD)).statusCode(200).body("accepted", equalTo(1));

            List<ConsumerRecord<String, byte[]>> got = notifications.read(1, Duration.ofSeconds(20));
            assertEquals(1, got.size());
            assertEquals("3000:no-db", got.get(0).key());
            assertEquals(item, new String(got.get(0).value(), StandardCharsets.UTF_8));
        }
    }
}
