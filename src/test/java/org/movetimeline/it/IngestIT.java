package org.movetimeline.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TopicReader;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One ingest path through the packaged jar: a notification, the item fetched from (fake) MOVE, the row in PostgreSQL
 * (the jar's Flyway made the table) and the record on move.timeline.items.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppResource.class)
class IngestIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void notificationBecomesARowAndAnItemsRecord() throws Exception {
        Instant start = Instant.parse("2026-06-01T07:30:00Z");
        ObjectNode trip = FakeMoveApi.tripItem(1001, "it-ingest", start, "BICYCLE");
        FakeMoveApi.shared().put(trip);
        String body = Webhook.batch(List.of(Webhook.item(1001, "it-ingest", start)));

        try (TopicReader items = TopicReader.from("move.timeline.items")) {
            given().header("X-Dolphin-Signature", Webhook.signature(body, Webhook.SECRET_OLD))
                    .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/webhooks/move/timeline").then().statusCode(200).body("accepted", equalTo(1));

            await().atMost(WAIT).until(() -> Rows.count(1001, "it-ingest") == 1);
            Map<String, Object> row = Rows.ofUser(1001, "it-ingest").get(0);
            assertEquals(Timestamp.from(start), row.get("start_ts"));
            assertEquals("BICYCLE", row.get("type"));
            assertEquals(5230.5, row.get("distance_m"));
            assertEquals(trip, MAPPER.readTree((String) row.get("item")));

            List<ConsumerRecord<String, byte[]>> published = items.readUntil(
                    got -> got.stream().anyMatch(r -> "1001:it-ingest".equals(r.key())), WAIT);
            ConsumerRecord<String, byte[]> record = published.stream()
                    .filter(r -> "1001:it-ingest".equals(r.key())).findFirst().orElseThrow();
            assertEquals(trip, MAPPER.readTree(record.value()));
        }
    }
}
