package org.movetimeline.receiver;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.movetimeline.testsupport.ReceiverOnlyProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.testsupport.Webhook.SECRET_NEW;
import static org.movetimeline.testsupport.Webhook.SECRET_OLD;

@QuarkusTest
@TestProfile(ReceiverOnlyProfile.class)
class WebhookReceiverTest {

    static final String PATH = "/webhooks/move/timeline";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofSeconds(2);

    TopicReader notifications;
    TopicReader dlq;

    @BeforeEach
    void openTopics() {
        notifications = TopicReader.from("move.timeline.notifications");
        dlq = TopicReader.from("move.timeline.notifications.dlq");
    }

    @AfterEach
    void closeTopics() {
        notifications.close();
        dlq.close();
    }

    static ValidatableResponse post(String body, String signature) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Dolphin-Signature", signature);
        }
        return request.when().post(PATH).then();
    }

    static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    @Test
    void thousandItemBatchBecomesExactlyThousandRecordsWithUserKeys() {
        List<String> items = Webhook.items(1000, 1000);
        String body = Webhook.batch(items);

        post(body, Webhook.signature(body, SECRET_OLD)).statusCode(200).body("accepted", equalTo(1000));

        List<ConsumerRecord<String, byte[]>> got = notifications.read(1001, WAIT);
        assertEquals(1000, got.size(), "one record per announced item, no more");
        Map<String, String> keyByValue = new HashMap<>();
        got.forEach(r -> keyByValue.put(text(r), r.key()));
        for (int i = 0; i < items.size(); i++) {
            assertEquals("1000:u" + (i % 50), keyByValue.get(items.get(i)), "item " + i + " published as received, keyed by user");
        }
    }

    @Test
    void everyForgeryIsRefusedAndNothingIsPublished() {
        String body = Webhook.batch(Webhook.items(1000, 3));
        String good = Webhook.signature(body, SECRET_OLD);
        String tampered = body.replace("\"u1\"", "\"u9\"");

        post(body, null).statusCode(401).body("error", equalTo("signature-missing"));
        post(body, good.substring("sha256=".length())).statusCode(401).body("error", equalTo("signature-malformed"));
        post(body, "sha256=not*base64!").statusCode(401).body("error", equalTo("signature-malformed"));
        post(body, "sha256=" + java.util.Base64.getEncoder().encodeToString(new byte[7])).statusCode(401)
                .body("error", equalTo("signature-malformed"));
        post(body, Webhook.signature(body, "some-other-secret")).statusCode(401).body("error", equalTo("signature-mismatch"));
        post(tampered, good).statusCode(401).body("error", equalTo("signature-mismatch"));

        assertEquals(List.of(), notifications.readAll(QUIET), "a forged batch publishes nothing");
        assertEquals(List.of(), dlq.readAll(Duration.ZERO), "a forged batch is not dead-lettered either");
    }

    @Test
    void oldAndNewSecretBothAcceptedDuringRotation() {
        String first = Webhook.batch(List.of(Webhook.item(1000, "rot-old", Webhook.BASE)));
        String second = Webhook.batch(List.of(Webhook.item(1000, "rot-new", Webhook.BASE)));

        post(first, Webhook.signature(first, SECRET_OLD)).statusCode(200).body("accepted", equalTo(1));
        post(second, Webhook.signature(second, SECRET_NEW)).statusCode(200).body("accepted", equalTo(1));

        List<String> keys = notifications.read(2, WAIT).stream().map(ConsumerRecord::key).toList();
        assertEquals(List.of("1000:rot-new", "1000:rot-old"), keys.stream().sorted().toList());
    }

    @Test
    void bodyAboveTheLimitIsRefusedWith413() {
        // 512K limit in the test profile; about 5000 items is well past it.
        String body = Webhook.batch(Webhook.items(1000, 5000));
        assertTrue(body.length() > 512 * 1024);

        post(body, Webhook.signature(body, SECRET_OLD)).statusCode(413);

        assertEquals(List.of(), notifications.readAll(QUIET));
    }

    @Test
    void signedGarbageIsAcknowledgedAndKeptRawOnTheDlq() {
        String garbage = "this is not json {";

        post(garbage, Webhook.signature(garbage, SECRET_OLD)).statusCode(200)
                .body("accepted", equalTo(0)).body("deadLettered", equalTo(1));

        List<ConsumerRecord<String, byte[]>> dead = dlq.read(1, WAIT);
        assertEquals(1, dead.size());
        assertArrayEquals(garbage.getBytes(StandardCharsets.UTF_8), dead.get(0).value());
        assertTrue(RecordHeaders.get(dead.get(0).headers(), RecordHeaders.REASON).startsWith("body is not JSON"));
        assertEquals(List.of(), notifications.readAll(QUIET));
    }

    @Test
    void signedJsonWithoutItemsArrayGoesToTheDlq() {
        String body = "{\"batch\":[]}";

        post(body, Webhook.signature(body, SECRET_NEW)).statusCode(200).body("accepted", equalTo(0));

        List<ConsumerRecord<String, byte[]>> dead = dlq.read(1, WAIT);
        assertEquals(body, text(dead.get(0)));
        assertEquals("body has no \"items\" array", RecordHeaders.get(dead.get(0).headers(), RecordHeaders.REASON));
    }

    @Test
    void mixedBatchPublishesGoodItemsAndDeadLettersEachBadOne() {
        List<String> good = Webhook.items(3001, 3);
        String noProject = "{\"userId\":\"u1\",\"startTime\":\"2026-03-01T08:00:00Z\"}";
        String badTime = "{\"projectId\":3001,\"userId\":\"u1\",\"startTime\":\"yesterday\"}";
        String notAnObject = "42";
        List<String> all = new ArrayList<>(good);
        all.add(1, noProject);
        all.add(3, badTime);
        all.add(notAnObject);
        String body = Webhook.batch(all);

        post(body, Webhook.signature(body, SECRET_OLD)).statusCode(200)
                .body("accepted", equalTo(3)).body("deadLettered", equalTo(3));

        assertEquals(good.stream().sorted().toList(),
                notifications.read(3, WAIT).stream().map(WebhookReceiverTest::text).sorted().toList());
        Map<String, String> reasonByRaw = new HashMap<>();
        dlq.read(3, WAIT).forEach(r -> reasonByRaw.put(text(r), RecordHeaders.get(r.headers(), RecordHeaders.REASON)));
        assertEquals("items[1]: projectId missing or not an integer", reasonByRaw.get(noProject));
        assertEquals("items[3]: startTime is not an RFC 3339 timestamp: yesterday", reasonByRaw.get(badTime));
        assertEquals("items[5]: item is not a JSON object", reasonByRaw.get(notAnObject));
    }

    @Test
    void everyCallCarriesARequestIdForItsLogLines() {
        String body = "{\"items\":[]}";
        String generated = post(body, Webhook.signature(body, SECRET_OLD)).statusCode(200)
                .extract().header("X-Request-Id");
        assertTrue(generated != null && generated.length() >= 32, "a request id is made up when none is sent");

        given().contentType(ContentType.JSON).header("X-Request-Id", "move-delivery-42").body(body)
                .post(PATH).then().statusCode(401).header("X-Request-Id", "move-delivery-42");
    }

    @Test
    void emptyBatchIsAcknowledged() {
        String body = "{\"items\":[]}";
        post(body, Webhook.signature(body, SECRET_OLD)).statusCode(200).body("accepted", equalTo(0));
    }
}
