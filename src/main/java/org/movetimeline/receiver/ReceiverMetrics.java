package org.movetimeline.receiver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** What the receiver has taken in, refused and how long Kafka took to acknowledge it. */
@ApplicationScoped
public class ReceiverMetrics {

    private final MeterRegistry registry;
    private final Counter batchesAccepted;
    private final Counter itemsAccepted;
    private final Counter itemsDeadLettered;
    private final Timer publishLatency;

    @Inject
    public ReceiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchesAccepted = registry.counter("move.webhook.batches.accepted");
        this.itemsAccepted = registry.counter("move.webhook.items.accepted");
        this.itemsDeadLettered = registry.counter("move.webhook.items.dead.lettered");
        this.publishLatency = Timer.builder("move.webhook.publish.latency")
                .description("Time from the first send of a batch to Kafka's acknowledgement of all of it")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void accepted(int items, int deadLettered, Duration publishTime) {
        batchesAccepted.increment();
        itemsAccepted.increment(items);
        itemsDeadLettered.increment(deadLettered);
        publishLatency.record(publishTime);
    }

    /** A batch turned away; {@code reason} is a short code such as signature-mismatch or kafka-unavailable. */
    public void rejected(String reason) {
        registry.counter("move.webhook.batches.rejected", "reason", reason).increment();
    }
}
