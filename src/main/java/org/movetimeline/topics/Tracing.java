package org.movetimeline.topics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * The service's own spans, and the trace context in Kafka record headers (the W3C {@code traceparent}, or whatever
 * quarkus.otel.propagators names): the clients are bare Kafka clients, which no Quarkus instrumentation reaches.
 * With quarkus.otel.sdk.disabled=true Quarkus still builds an SDK that records spans and propagates W3C context (it
 * only exports nothing), so while tracing is off this hands out a no-op tracer and propagator: no span of ours is
 * recorded and no header written or parsed.
 */
@ApplicationScoped
public class Tracing {

    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<Long> MESSAGING_COUNT = AttributeKey.longKey("messaging.batch.message_count");

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> StreamSupport.stream(headers.spliterator(), false).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            return headers == null ? null : RecordHeaders.get(headers, key);
        }
    };

    private final boolean enabled;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public Tracing(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean sdkDisabled) {
        OpenTelemetry effective = sdkDisabled ? OpenTelemetry.noop() : openTelemetry;
        this.enabled = !sdkDisabled;
        this.tracer = effective.getTracer("move-timeline-ingest");
        this.propagator = effective.getPropagators().getTextMapPropagator();
    }

    public boolean enabled() {
        return enabled;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The context a consumed record carries; the root context when it carries none. */
    public Context extract(Headers headers) {
        return propagator.extract(Context.root(), headers, HEADERS);
    }

    /**
     * Writes {@code context} into every record's headers, replacing any trace headers they had. The headers are built
     * once for the group: all records of one call share one context.
     */
    public void inject(Context context, List<ProducerRecord<String, byte[]>> records) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, (map, key, value) -> map.put(key, value));
        if (carrier.isEmpty()) {
            return;
        }
        List<Header> headers = new ArrayList<>(carrier.size());
        carrier.forEach((key, value) -> headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
        for (ProducerRecord<String, byte[]> record : records) {
            propagator.fields().forEach(record.headers()::remove);
            headers.forEach(record.headers()::add);
        }
    }

    /** Runs {@code work} in the span {@code builder} starts; a failure marks the span and goes on up. */
    public <T> T inSpan(SpanBuilder builder, Supplier<T> work) {
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }

    /** The topic all {@code records} go to or come from, or null when they are several. */
    public static <R> String destination(List<R> records, Function<R, String> topic) {
        String first = records.isEmpty() ? null : topic.apply(records.get(0));
        for (R record : records) {
            if (!topic.apply(record).equals(first)) {
                return null;
            }
        }
        return first;
    }

    /** Messaging span names as the semantic conventions put them: operation, then destination when there is one. */
    public static String spanName(String operation, String destination) {
        return destination == null ? operation : operation + " " + destination;
    }
}
