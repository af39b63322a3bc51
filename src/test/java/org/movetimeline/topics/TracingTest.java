package org.movetimeline.topics;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Trace context in Kafka headers, and nothing of it while tracing is off. */
class TracingTest {

    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void everyRecordOfAGroupCarriesTheContextInPlaceOfWhatItHad() {
        Tracing tracing = new Tracing(sdk, false);
        Span span = sdk.getTracer("test").spanBuilder("send").startSpan();
        var copied = record();
        copied.headers().add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));
        copied.headers().add("tracestate", "vendor=stale".getBytes(StandardCharsets.UTF_8));
        var fresh = record();

        tracing.inject(Context.root().with(span), List.of(copied, fresh));

        String expected = "00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId() + "-01";
        for (var record : List.of(copied, fresh)) {
            List<String> names = StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
            assertEquals(List.of("move-attempt", "traceparent"), names);
            assertEquals(expected, RecordHeaders.get(record.headers(), "traceparent"));
            SpanContext read = Span.fromContext(tracing.extract(record.headers())).getSpanContext();
            assertEquals(List.of(span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId()),
                    List.of(read.getTraceId(), read.getSpanId()));
        }
    }

    @Test
    void aRecordWithoutContextOrWithAValuelessHeaderYieldsNone() {
        Tracing tracing = new Tracing(sdk, false);
        var record = record();
        record.headers().add("traceparent", null);

        assertFalse(Span.fromContext(tracing.extract(record.headers())).getSpanContext().isValid());
        assertFalse(Span.fromContext(tracing.extract(record().headers())).getSpanContext().isValid());
    }

    @Test
    void withTracingOffNoHeaderIsWrittenOrRead() {
        // Quarkus's SDK with quarkus.otel.sdk.disabled=true still propagates W3C context, like this one.
        Tracing off = new Tracing(sdk, true);
        Span span = sdk.getTracer("test").spanBuilder("send").startSpan();
        var record = record();

        off.inject(Context.root().with(span), List.of(record));
        assertNull(RecordHeaders.get(record.headers(), "traceparent"));

        new Tracing(sdk, false).inject(Context.root().with(span), List.of(record));
        SpanContext read = Span.fromContext(off.extract(record.headers())).getSpanContext();
        assertFalse(read.isValid());
        assertFalse(off.tracer().spanBuilder("x").startSpan().getSpanContext().isValid());
    }

    private static ProducerRecord<String, byte[]> record() {
        var record = new ProducerRecord<>("move.timeline.items", "1000:u", "{}".getBytes(StandardCharsets.UTF_8));
        RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, 1);
        return record;
    }
}
