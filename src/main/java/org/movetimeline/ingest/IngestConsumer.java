package org.movetimeline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;

import java.util.Map;

/**
 * MOVE's consumer: the {@link ConsumerLoops} of group move-timeline-ingest over the notifications topic and its retry
 * tiers, each poll batch handed to {@link BatchIngestor}; move.ingest.* sizes them.
 */
@ApplicationScoped
public class IngestConsumer {

    public static final String GROUP = "move-timeline-ingest";

    @Inject
    AppConfig app;
    @Inject
    MoveConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    BatchIngestor ingestor;
    @Inject
    FailureRouter router;
    @Inject
    BatchTimeBudget budget;
    @Inject
    MeterRegistry registry;

    private volatile ConsumerLoops loops;

    void onStart(@Observes StartupEvent event) {
        if (app.ingest().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (loops == null) {
            MoveConfig.Ingest ingest = config.ingest();
            loops = ConsumerLoops.of(GROUP, config.topics().notifications(), router, ingest.consumers(),
                    ingest.batchesInFlight(), ingest.maxPollRecords(), budget, kafkaConfig, registry, ingestor::ingest);
        }
        loops.start();
    }

    /** True while the loops run, or while they are deliberately stopped; false if one died. */
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
