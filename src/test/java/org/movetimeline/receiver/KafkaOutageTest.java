package org.movetimeline.receiver;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.movetimeline.testsupport.ReceiverOnlyProfile;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.KafkaBroker;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.TopicReader;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.receiver.WebhookReceiverTest.post;

@QuarkusTest
@DisabledIfSystemProperty(named = "tests.devservices", matches = "true",
        disabledReason = "it stops and restarts the broker of bin/kafka-broker, which Dev Services do not run")
@TestProfile(ReceiverOnlyProfile.class)
class KafkaOutageTest {

    @Test
    void brokerDownAnswers503AndTheRetryAfterRecoveryLosesNothing() {
        KafkaBroker broker = KafkaBroker.shared();
        List<String> items = List.of(
                Webhook.item(2000, "outage-a", Instant.parse("2026-04-01T10:00:00Z")),
                Webhook.item(2000, "outage-b", Instant.parse("2026-04-01T10:00:00Z")),
                Webhook.item(2000, "outage-a", Instant.parse("2026-04-01T11:00:00Z")));
        String body = Webhook.batch(items);
        String signature = Webhook.signature(body, Webhook.SECRET_NEW);

        try (TopicReader notifications = TopicReader.from("move.timeline.notifications")) {
            broker.stop();
            try {
                post(body, signature).statusCode(503).header("Retry-After", "5").body("error", equalTo("kafka-unavailable"));
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(503));
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));

            // MOVE retries the same batch until it gets 200.
            post(body, signature).statusCode(200).body("accepted", equalTo(3));

            Set<String> delivered = new HashSet<>();
            notifications.readUntil(got -> {
                got.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).forEach(delivered::add);
                return delivered.containsAll(items);
            }, Duration.ofSeconds(30));
            assertTrue(delivered.containsAll(items), "every item of the refused batch arrives once Kafka is back");
        }
    }
}
