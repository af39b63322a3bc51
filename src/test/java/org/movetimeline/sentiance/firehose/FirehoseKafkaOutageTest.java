package org.movetimeline.sentiance.firehose;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.movetimeline.testsupport.KafkaBroker;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.SentianceProfile;
import org.movetimeline.testsupport.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.sentiance.firehose.Firehose.delivery;
import static org.movetimeline.sentiance.firehose.Firehose.transport;
import static org.movetimeline.sentiance.firehose.FirehoseReceiverTest.A_NEW;
import static org.movetimeline.sentiance.firehose.FirehoseReceiverTest.postGzip;
import static org.movetimeline.testsupport.SentianceProfile.APP_A;

/** As receiver.KafkaOutageTest for MOVE: without Kafka a delivery is 503, and Sentiance's retry loses nothing. */
@QuarkusTest
@DisabledIfSystemProperty(named = "tests.devservices", matches = "true",
        disabledReason = "it stops and restarts the broker of bin/kafka-broker, which Dev Services do not run")
@TestProfile(SentianceProfile.class)
class FirehoseKafkaOutageTest {

    @Test
    void brokerDownAnswers503WithRetryAfterAndTheRetryAfterRecoveryLosesNothing() {
        KafkaBroker broker = KafkaBroker.shared();
        String message = transport("outage-u", "outage-e");
        String body = delivery(List.of(message));
        try (TopicReader messages = TopicReader.from("sentiance.firehose.messages")) {
            broker.stop();
            try {
                postGzip(APP_A, A_NEW, body).statusCode(503).header("Retry-After", "5")
                        .body("error", equalTo("kafka-unavailable"));
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));

            postGzip(APP_A, A_NEW, body).statusCode(200).body("accepted", equalTo(1));
            boolean delivered = messages.readUntil(got -> got.stream()
                    .anyMatch(r -> message.equals(new String(r.value(), StandardCharsets.UTF_8))), Duration.ofSeconds(30))
                    .stream().anyMatch(r -> message.equals(new String(r.value(), StandardCharsets.UTF_8)));
            assertTrue(delivered, "the refused delivery arrives once Kafka is back");
        }
    }
}
