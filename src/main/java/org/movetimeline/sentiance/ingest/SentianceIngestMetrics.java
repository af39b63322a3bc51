package org.movetimeline.sentiance.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Firehose messages through the Sentiance consumer, by app, type and outcome: {@code stored} (a transport's row
 * written), {@code kept} (another type kept raw), {@code retried}, {@code dead_lettered}; and each poll batch's time.
 */
@ApplicationScoped
public class SentianceIngestMetrics {

    static final String MESSAGES = "sentiance.ingest.messages";

    private final MeterRegistry registry;
    private final Timer batchDuration;

    @Inject
    public SentianceIngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchDuration = Timer.builder("sentiance.ingest.batch.duration")
                .description("One poll batch of Firehose messages: fetch, write, publish")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void count(String app, String type, String outcome, int messages) {
        if (messages > 0) {
            Counter.builder(MESSAGES).tags("app", app, "type", type, "outcome", outcome)
                    .description("Firehose messages through the Sentiance consumer, by how each ended")
                    .register(registry).increment(messages);
        }
    }

    void batch(Duration took) {
        batchDuration.record(took);
    }
}
