package org.movetimeline.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.Tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spans of one poll batch, against an SDK that keeps them in memory. */
class BatchTracingTest {

    static final String TOPIC = "move.timeline.notifications";
    static final AttributeKey<Long> COUNT = AttributeKey.longKey("messaging.batch.message_count");

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final BatchTracing tracing = new BatchTracing(new Tracing(sdk, false));
    long offset;

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void aBatchOfTwoDeliveriesContinuesTheFirstAndLinksBothWays() {
        SpanContext first = delivery("first call");
        SpanContext second = delivery("second call");
        List<ConsumerRecord<String, byte[]>> batch = List.of(record(null), record(first), record(second), record(first),
                record(second), record(second));

        tracing.around(batch, () -> tracing.stage("fetch from MOVE", () -> "fetched"));

        SpanData process = only(s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(first.getTraceId()));
        assertEquals(first.getSpanId(), process.getParentSpanId());
        assertEquals("process " + TOPIC, process.getName());
        assertEquals(6L, process.getAttributes().get(COUNT));
        assertEquals(List.of(id(second)), process.getLinks().stream().map(l -> id(l.getSpanContext())).toList());
        assertEquals(3L, process.getLinks().get(0).getAttributes().get(COUNT));

        SpanData linkedBack = only(s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(second.getTraceId()));
        assertEquals(second.getSpanId(), linkedBack.getParentSpanId());
        assertEquals(3L, linkedBack.getAttributes().get(COUNT));
        assertEquals(List.of(id(process.getSpanContext())), linkedBack.getLinks().stream().map(l -> id(l.getSpanContext())).toList());

        assertEquals(process.getSpanId(), only(s -> s.getName().equals("fetch from MOVE")).getParentSpanId());
        assertEquals(5, exporter.getFinishedSpanItems().size(), "two calls, their consumer spans, one stage");
    }

    @Test
    void aBatchWithoutTraceContextStartsATraceOfItsOwn() {
        Span unrelated = sdk.getTracer("test").spanBuilder("unrelated").startSpan();
        try (var ignored = unrelated.makeCurrent()) {
            tracing.around(List.of(record(null), record(null)), () -> { });
        } finally {
            unrelated.end();
        }

        SpanData process = only(s -> s.getKind() == SpanKind.CONSUMER);
        assertFalse(process.getParentSpanContext().isValid());
        assertTrue(process.getLinks().isEmpty());
    }

    @Test
    void aFailedBatchMarksItsSpanAndTheFailureGoesOn() {
        IllegalStateException failure = new IllegalStateException("database down");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> tracing.around(List.of(record(delivery("call"))), () -> {
                    throw failure;
                }));

        assertSame(failure, thrown);
        SpanData process = only(s -> s.getKind() == SpanKind.CONSUMER);
        assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
        assertEquals("exception", process.getEvents().get(0).getName());
    }

    @Test
    void withTracingOffTheBatchRunsWithoutSpans() {
        BatchTracing off = new BatchTracing(new Tracing(sdk, true));
        List<String> ran = new ArrayList<>();

        off.around(List.of(record(delivery("call"))), () -> ran.add(off.stage("fetch from MOVE", () -> "fetched")));

        assertEquals(List.of("fetched"), ran);
        assertEquals(List.of("call"), exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    /** A webhook call's span, ended, as the receiver leaves it behind. */
    private SpanContext delivery(String name) {
        Span span = sdk.getTracer("test").spanBuilder(name).setNoParent().startSpan();
        span.end();
        return span.getSpanContext();
    }

    /** Which span it is; a context read from a header is marked remote, the span's own is not. */
    private static String id(SpanContext context) {
        return context.getTraceId() + "-" + context.getSpanId();
    }

    private ConsumerRecord<String, byte[]> record(SpanContext context) {
        var record = new ConsumerRecord<>(TOPIC, 0, offset++, "1000:u", "{}".getBytes(StandardCharsets.UTF_8));
        if (context != null) {
            String traceparent = "00-" + context.getTraceId() + "-" + context.getSpanId() + "-01";
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private SpanData only(Predicate<SpanData> which) {
        List<SpanData> found = exporter.getFinishedSpanItems().stream().filter(which).toList();
        assertEquals(1, found.size(), () -> "spans: " + exporter.getFinishedSpanItems());
        return found.get(0);
    }
}
