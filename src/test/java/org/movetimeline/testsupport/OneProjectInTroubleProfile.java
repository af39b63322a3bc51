package org.movetimeline.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * For tests where one MOVE project of two is rate-limited, slow or failing: chunks of 5 keys so a project has several
 * calls in flight, a short read timeout, a breaker that can open after 4 calls, and enough notification attempts
 * to outlast an open breaker.
 */
public class OneProjectInTroubleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "move.api.batch-size", "5",
                "move.api.breaker.window", "4",
                "move.api.breaker.delay", "8s",
                "move.api.retry.max-retries", "2",
                "move.api.limit.max-wait", "5s",
                "quarkus.rest-client.move-api.read-timeout", "1500",
                "move.ingest.max-attempts", "20",
                "move.ingest.retry-delay", "500ms",
                "move.ingest.max-retry-delay", "1s");
    }
}
