package org.movetimeline.sentiance.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.ingest.ConsumerLoops;
import org.movetimeline.sentiance.api.SentianceApiKeys;

import java.util.Map;

/**
 * Sentiance's consumer: the {@link ConsumerLoops} of group sentiance-ingest over the Firehose messages topic and its
 * retry tiers, each poll batch handed to {@link MessageIngestor}; sentiance.ingest.* sizes them. It runs only with the
 * ingest role on and SENTIANCE_API_KEYS set, so a deployment that only uses MOVE has no such group member.
 */
@ApplicationScoped
public class SentianceConsumer {

    public static final String GROUP = "sentiance-ingest";

    @Inject
    AppConfig app;
    @Inject
    SentianceConfig config;
    @Inject
    SentianceApiKeys keys;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    MessageIngestor ingestor;
    @Inject
    SentianceIngestSettings settings;
    @Inject
    MeterRegistry registry;

    private volatile ConsumerLoops loops;

    void onStart(@Observes StartupEvent event) {
        // Reading the keys here makes a malformed SENTIANCE_API_KEYS fail start-up, naming the entry.
        if (app.ingest().enabled() && !keys.isEmpty()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (loops == null) {
            SentianceConfig.Ingest ingest = config.ingest();
            loops = ConsumerLoops.of(GROUP, config.topics().messages(), settings.router(), ingest.consumers(),
                    ingest.batchesInFlight(), ingest.maxPollRecords(), settings.budget(), kafkaConfig, registry,
                    ingestor::ingest);
        }
        loops.start();
    }

    /** True once the loops were started (they may have been stopped since). */
    public boolean started() {
        return loops != null;
    }

    /** True while the loops run, while they are deliberately stopped, or when they never ran; false if one died. */
    public boolean isAlive() {
        ConsumerLoops current = loops;
        return current == null || current.isAlive();
    }

    /** Each loop finishes the batches in hand, commits them, and leaves the group. */
    public synchronized void stop() {
        if (loops != null) {
            loops.stop();
        }
    }
}
