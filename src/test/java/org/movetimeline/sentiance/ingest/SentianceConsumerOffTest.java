package org.movetimeline.sentiance.ingest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Infrastructure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without SENTIANCE_API_KEYS (the default profile) no Sentiance consumer runs: the group has no member. */
@QuarkusTest
class SentianceConsumerOffTest {

    @Inject
    SentianceConsumer consumer;

    @Test
    void noKeysNoConsumer() throws Exception {
        assertFalse(consumer.started());
        assertTrue(consumer.isAlive(), "a consumer that never ran is no dead one");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
            var group = admin.describeConsumerGroups(List.of(SentianceConsumer.GROUP)).all().get(30, TimeUnit.SECONDS)
                    .get(SentianceConsumer.GROUP);
            assertTrue(group.members().isEmpty(), group.toString());
        } catch (ExecutionException e) {
            // No such group on the broker at all: no member either.
            assertInstanceOf(GroupIdNotFoundException.class, e.getCause());
        }
    }
}
