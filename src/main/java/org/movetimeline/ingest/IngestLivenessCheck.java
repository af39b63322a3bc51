package org.movetimeline.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.movetimeline.config.AppConfig;
import org.movetimeline.sentiance.ingest.SentianceConsumer;

/**
 * A consumer thread that died would leave the pod idle but healthy-looking: let Kubernetes restart it. Covers MOVE's
 * consumer and, when it runs, Sentiance's.
 */
@Liveness
@ApplicationScoped
public class IngestLivenessCheck implements HealthCheck {

    @Inject
    AppConfig app;
    @Inject
    IngestConsumer consumer;
    @Inject
    SentianceConsumer sentiance;

    @Override
    public HealthCheckResponse call() {
        boolean up = !app.ingest().enabled() || (consumer.isAlive() && sentiance.isAlive());
        return HealthCheckResponse.named("ingest-consumer").status(up).build();
    }
}
