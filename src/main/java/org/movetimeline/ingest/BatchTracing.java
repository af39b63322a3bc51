package org.movetimeline.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.movetimeline.topics.Tracing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The spans of one poll batch. A batch holds the notifications of several webhook calls (each call's records share
 * one context), and its MOVE calls, upsert and publication serve all of them at once, so they are recorded once, in
 * the stage spans under one consumer span: that span continues the trace of the batch's first record and links to
 * every other trace in the batch, and each of those traces gets a consumer span of its own that links back to it.
 * So every delivery's trace leads to the batch that stored it, for one span per trace in the batch, never one per
 * record or per item.
 */
@ApplicationScoped
public class BatchTracing {

    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

    private final Tracing tracing;

    @Inject
    public BatchTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** Runs the ingest of {@code batch} in its consumer span; a failure marks the span and goes on up. */
    void around(List<ConsumerRecord<String, byte[]>> batch, Runnable ingest) {
        if (!tracing.enabled()) {
            ingest.run();
            return;
        }
        String topic = Tracing.destination(batch, ConsumerRecord::topic);
        // Records per distinct context in first-seen order; the first one's full context (baggage too) is the parent.
        Map<SpanContext, Long> traces = new LinkedHashMap<>();
        Context parent = null;
        for (ConsumerRecord<String, byte[]> record : batch) {
            Context context = tracing.extract(record.headers());
            SpanContext carried = Span.fromContext(context).getSpanContext();
            if (carried.isValid() && traces.merge(carried, 1L, Long::sum) == 1L && parent == null) {
                parent = context;
            }
        }
        SpanBuilder builder = consumerSpan(topic, batch.size());
        if (parent == null) {
            builder.setNoParent();
        } else {
            builder.setParent(parent);
        }
        List<Map.Entry<SpanContext, Long>> others = new ArrayList<>(traces.entrySet());
        if (!others.isEmpty()) {
            others.remove(0);
        }
        others.forEach(other -> builder.addLink(other.getKey(), Attributes.of(Tracing.MESSAGING_COUNT, other.getValue())));
        Span span = builder.startSpan();
        List<Span> linkedBack = new ArrayList<>(others.size());
        for (Map.Entry<SpanContext, Long> other : others) {
            linkedBack.add(consumerSpan(topic, other.getValue())
                    .setParent(Context.root().with(Span.wrap(other.getKey())))
                    .addLink(span.getSpanContext())
                    .startSpan());
        }
        try (Scope ignored = span.makeCurrent()) {
            ingest.run();
        } catch (RuntimeException | Error e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            linkedBack.forEach(Span::end);
            span.end();
        }
    }

    /** Runs one stage of the batch in a span of its own, under the batch's span. */
    <T> T stage(String name, Supplier<T> work) {
        return tracing.inSpan(tracing.tracer().spanBuilder(name), work);
    }

    private SpanBuilder consumerSpan(String topic, long records) {
        SpanBuilder builder = tracing.tracer().spanBuilder(Tracing.spanName("process", topic)).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(Tracing.MESSAGING_SYSTEM, "kafka")
                .setAttribute(Tracing.MESSAGING_OPERATION, "process")
                .setAttribute(CONSUMER_GROUP, IngestConsumer.GROUP)
                .setAttribute(Tracing.MESSAGING_COUNT, records);
        if (topic != null) {
            builder.setAttribute(Tracing.MESSAGING_DESTINATION, topic);
        }
        return builder;
    }
}
