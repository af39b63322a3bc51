package org.movetimeline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Items through the ingest side: fetched from MOVE, persisted, republished (their row changed), sent to a
 * retry tier, dead-lettered.
 */
@ApplicationScoped
public class IngestMetrics {

    final Counter fetched;
    final Counter persisted;
    final Counter republished;
    final Counter retried;
    final Counter deadLettered;
    private final Timer batchDuration;

    @Inject
    public IngestMetrics(MeterRegistry registry) {
        fetched = registry.counter("move.ingest.items.fetched");
        persisted = registry.counter("move.ingest.items.persisted");
        republished = registry.counter("move.ingest.items.republished");
        retried = registry.counter("move.ingest.items.retried");
        deadLettered = registry.counter("move.ingest.items.dead.lettered");
        batchDuration = Timer.builder("move.ingest.batch.duration")
                .description("One poll batch: fetch, upsert, publish")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void batch(int fetchedItems, int persistedItems, int republishedItems, int retriedItems, int deadLetteredItems,
               Duration took) {
        fetched.increment(fetchedItems);
        persisted.increment(persistedItems);
        republished.increment(republishedItems);
        retried.increment(retriedItems);
        deadLettered.increment(deadLetteredItems);
        batchDuration.record(took);
    }
}
