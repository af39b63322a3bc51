package org.movetimeline.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The receiver of the packaged jar (prod profile), against the real broker: what users run, not the test JVM's classes. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppResource.class)
class ReceiverIT {

    static final String PATH = "/webhooks/move/timeline";
    static final Duration WAIT = Duration.ofSeconds(20);

    static ValidatableResponse post(String body, String signature) {
        return given().contentType(ContentType.JSON).header("X-Dolphin-Signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(PATH).then();
    }

    @Test
    void signedBatchIsAcceptedAndPublished() {
        List<String> items = List.of(Webhook.item(1000, "it-a", Webhook.BASE), Webhook.item(1000, "it-b", Webhook.BASE));
        String body = Webhook.batch(items);
        try (TopicReader notifications = TopicReader.from("move.timeline.notifications")) {
            post(body, Webhook.signature(body, Webhook.SECRET_NEW)).statusCode(200)
                    .body("accepted", equalTo(2)).body("deadLettered", equalTo(0));

            List<ConsumerRecord<String, byte[]>> got = notifications.read(2, WAIT);
            assertEquals(List.of("1000:it-a", "1000:it-b"), got.stream().map(ConsumerRecord::key).sorted().toList());
            assertEquals(items.stream().sorted().toList(),
                    got.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).sorted().toList());
        }
    }

    @Test
    void badSignatureIsRefusedAndNothingIsPublished() {
        String body = Webhook.batch(List.of(Webhook.item(1000, "it-forged", Webhook.BASE)));
        try (TopicReader notifications = TopicReader.from("move.timeline.notifications")) {
            post(body, Webhook.signature(body, "not-the-secret")).statusCode(401).body("error", equalTo("signature-mismatch"));

            assertEquals(List.of(), notifications.readAll(Duration.ofSeconds(2)));
        }
    }

    @Test
    void healthIsOnTheManagementPortOnly() {
        given().port(PackagedAppResource.managementPort()).get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(404);
    }
}
