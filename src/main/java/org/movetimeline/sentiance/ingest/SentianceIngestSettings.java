package org.movetimeline.sentiance.ingest;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.ingest.BatchTimeBudget;
import org.movetimeline.ingest.FailureRouter;

/** The shared ingest machinery set for Sentiance: its retry tiers and DLQ, and its poll interval shared out. */
@Singleton
public class SentianceIngestSettings {

    private final FailureRouter router;
    private final BatchTimeBudget budget;

    @Inject
    public SentianceIngestSettings(SentianceConfig config,
                                   @ConfigProperty(name = "quarkus.rest-client.sentiance-api.connect-timeout") long connectTimeoutMillis,
                                   @ConfigProperty(name = "quarkus.rest-client.sentiance-api.read-timeout") long readTimeoutMillis) {
        SentianceConfig.Ingest ingest = config.ingest();
        this.router = new FailureRouter(config.topics().retry(), config.topics().dlq(), ingest);
        this.budget = new BatchTimeBudget("sentiance", "Sentiance", ingest.maxPollInterval(), config.api(),
                connectTimeoutMillis, readTimeoutMillis);
    }

    public FailureRouter router() {
        return router;
    }

    public BatchTimeBudget budget() {
        return budget;
    }
}
