package org.movetimeline.topics;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends a group of records and returns only once Kafka has acknowledged every one of them. With tracing on, each group
 * is one producer span whose context every record of the group carries in its headers.
 */
@ApplicationScoped
public class RecordPublisher {

    @Inject
    Producer<String, byte[]> producer;
    @Inject
    Tracing tracing;

    /**
     * @throws PublishException when a record was refused or not acknowledged within {@code timeout};
     *                          some records may have been written all the same (at-least-once)
     */
    public void publishAll(List<ProducerRecord<String, byte[]>> records, Duration timeout) {
        traced(records, () -> {
            Map<Integer, Exception> refused = send(records, timeout);
            if (!refused.isEmpty()) {
                var first = refused.entrySet().iterator().next();
                throw new PublishException("Kafka refused a record for " + records.get(first.getKey()).topic() + ": "
                        + first.getValue().getMessage(), first.getValue());
            }
            return refused;
        });
    }

    /**
     * Like {@link #publishAll}, except that a record Kafka refuses for what it is (too large, invalid: errors
     * that sending again would not cure) is reported by its index instead of failing the whole group.
     *
     * @throws PublishException when Kafka is unreachable or slow: a retriable error or no acknowledgement in time
     */
    public Map<Integer, Exception> publishEach(List<ProducerRecord<String, byte[]>> records, Duration timeout) {
        return traced(records, () -> send(records, timeout));
    }

    private <T> T traced(List<ProducerRecord<String, byte[]>> records, Supplier<T> send) {
        if (!tracing.enabled() || records.isEmpty()) {
            return send.get();
        }
        String topic = Tracing.destination(records, ProducerRecord::topic);
        var span = tracing.tracer().spanBuilder(Tracing.spanName("send", topic)).setSpanKind(SpanKind.PRODUCER)
                .setAttribute(Tracing.MESSAGING_SYSTEM, "kafka")
                .setAttribute(Tracing.MESSAGING_OPERATION, "send")
                .setAttribute(Tracing.MESSAGING_COUNT, (long) records.size());
        if (topic != null) {
            span.setAttribute(Tracing.MESSAGING_DESTINATION, topic);
        }
        return tracing.inSpan(span, () -> {
            tracing.inject(Context.current(), records);
            return send.get();
        });
    }

    private Map<Integer, Exception> send(List<ProducerRecord<String, byte[]>> records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            try {
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                // Refused before queueing (no metadata within max.block.ms, buffer full): the rest would be too.
                throw new PublishException("Kafka refused record for " + record.topic() + ": " + e.getMessage(), e);
            }
            acks.add(ack);
        }
        Map<Integer, Exception> refused = new TreeMap<>();
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge " + records.size() + " records within " + timeout, e);
        } catch (ExecutionException e) {
            // At least one failed; all have completed, so each can be asked.
            for (int i = 0; i < acks.size(); i++) {
                Throwable error = acks.get(i).handle((ok, failure) -> failure).join();
                if (error instanceof RetriableException || error instanceof Error) {
                    throw new PublishException("Kafka failed a record: " + error.getMessage(), error);
                } else if (error instanceof Exception exception) {
                    refused.put(i, exception);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka", e);
        }
        return refused;
    }

    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
