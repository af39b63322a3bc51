package org.movetimeline.sentiance.firehose;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the Firehose receiver took in: {@code sentiance.firehose.deliveries{app,outcome}} per call and
 * {@code sentiance.firehose.messages{app,type,outcome}} per message. Labels take only configured apps and documented
 * types, so a caller cannot grow the series without bound.
 */
@ApplicationScoped
public class FirehoseMetrics {

    /** The app label of a call for an app that is not configured. */
    static final String UNKNOWN_APP = "unknown";
    /** The type label of a dead letter whose type could not be read. */
    static final String UNKNOWN_TYPE = "unknown";

    enum Delivery {
        OK, TEST, UNAUTHORIZED, TOO_LARGE, KAFKA_UNAVAILABLE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    @Inject
    public FirehoseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivery(String app, Delivery outcome) {
        registry.counter("sentiance.firehose.deliveries", "app", app, "outcome", outcome.label()).increment();
    }

    void accepted(String app, String type) {
        registry.counter("sentiance.firehose.messages", "app", app, "type", type, "outcome", "accepted").increment();
    }

    void deadLettered(String app, String type) {
        registry.counter("sentiance.firehose.messages", "app", app, "type", type, "outcome", "dead_lettered").increment();
    }
}
