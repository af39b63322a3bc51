package org.movetimeline.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.testsupport.TracingProfile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With tracing on, one webhook call is one trace down to the row: the caller's traceparent is continued by the
 * receiver, carried by the notification record, continued by the consumer around the MOVE calls, the upsert and the
 * publication, and carried on by the record on move.timeline.items.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TraceFromWebhookToRowTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final FakeMoveApi MOVE = FakeMoveApi.shared();
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void oneTraceRunsFromTheWebhookCallToTheRowAndTheItemsRecord() {
        Instant start = Instant.parse("2026-07-01T06:00:00Z");
        MOVE.put(FakeMoveApi.tripItem(1000, "traced", start, "CAR"));
        Random random = new Random();
        String traceId = hex(random, 16);
        String callerSpanId = hex(random, 8);
        String body = Webhook.batch(List.of(Webhook.item(1000, "traced", start)));

        ConsumerRecord<String, byte[]> notification;
        ConsumerRecord<String, byte[]> item;
        try (TopicReader notifications = TopicReader.from("move.timeline.notifications");
             TopicReader items = TopicReader.from("move.timeline.items")) {
            given().header("X-Dolphin-Signature", Webhook.signature(body, Webhook.SECRET_OLD))
                    .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                    .contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/webhooks/move/timeline").then().statusCode(200).body("accepted", equalTo(1));
            await().atMost(WAIT).until(() -> Rows.count(1000, "traced") == 1);
            notification = first(notifications, "1000:traced");
            item = first(items, "1000:traced");
        }

        // The consumer's span ends last, once the items record is acknowledged; spans are exported in the order they end.
        List<SpanData> trace = await().atMost(WAIT).until(
                () -> exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList(),
                spans -> spans.stream().anyMatch(s -> s.getName().equals("process move.timeline.notifications")));
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        String shown = trace.stream().map(s -> s.getKind() + " " + s.getName()).collect(Collectors.joining(", "));

        // The receiver continues the caller's trace, and its one producer span is what the record carries.
        SpanData webhook = named(trace, "POST /webhooks/move/timeline");
        assertEquals(SpanKind.SERVER, webhook.getKind());
        assertEquals(callerSpanId, webhook.getParentSpanId());
        SpanData sendNotification = named(trace, "send move.timeline.notifications");
        assertEquals(SpanKind.PRODUCER, sendNotification.getKind());
        assertEquals(webhook.getSpanId(), sendNotification.getParentSpanId());
        assertEquals(traceparent(traceId, sendNotification), RecordHeaders.get(notification.headers(), "traceparent"));

        // The consumer continues it from the record, around the stages.
        SpanData process = named(trace, "process move.timeline.notifications");
        assertEquals(SpanKind.CONSUMER, process.getKind());
        assertEquals(sendNotification.getSpanId(), process.getParentSpanId());
        assertEquals(1L, process.getAttributes().get(AttributeKey.longKey("move.items.stored")));
        SpanData fetch = named(trace, "fetch from MOVE");
        SpanData write = named(trace, "write timeline_item");
        SpanData sendItem = named(trace, "send move.timeline.items");
        assertEquals(List.of(process.getSpanId(), process.getSpanId(), process.getSpanId()),
                List.of(fetch.getParentSpanId(), write.getParentSpanId(), sendItem.getParentSpanId()));

        // The MOVE calls (made on the project's pool threads) and the upsert are the clients' own spans under them.
        assertEquals(fetch.getSpanId(), named(trace, "POST /v20/timeline/batch").getParentSpanId());
        assertEquals(fetch.getSpanId(), named(trace, "GET /v20/timeline/{startTs}/points").getParentSpanId());
        SpanData upsert = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                        && "postgresql".equals(s.getAttributes().get(DB_SYSTEM))
                        && String.valueOf(s.getAttributes().get(DB_STATEMENT)).startsWith("INSERT INTO timeline_item"))
                .findFirst().orElseThrow(() -> new AssertionError("no upsert span in " + shown));
        assertEquals(write.getSpanId(), upsert.getParentSpanId());

        // The record on move.timeline.items carries the trace on, from the span that published it.
        assertEquals(traceparent(traceId, sendItem), RecordHeaders.get(item.headers(), "traceparent"));
        assertTrue(trace.stream().allMatch(s -> s.getParentSpanId().equals(callerSpanId) || byId.containsKey(s.getParentSpanId())),
                "every span hangs from the webhook call: " + shown);
    }

    /** The one span of that name in the trace. */
    private static SpanData named(List<SpanData> trace, String name) {
        List<SpanData> found = trace.stream().filter(s -> s.getName().equals(name)).toList();
        assertEquals(1, found.size(), () -> "spans named " + name + " among "
                + trace.stream().map(s -> s.getKind() + " " + s.getName()).collect(Collectors.joining(", ")));
        return found.get(0);
    }

    private static String traceparent(String traceId, SpanData span) {
        return "00-" + traceId + "-" + span.getSpanId() + "-01";
    }

    private ConsumerRecord<String, byte[]> first(TopicReader reader, String key) {
        return reader.readUntil(got -> got.stream().anyMatch(r -> key.equals(r.key())), WAIT).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow(() -> new AssertionError("no record " + key));
    }

    private static String hex(Random random, int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
