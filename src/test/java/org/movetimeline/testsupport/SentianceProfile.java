package org.movetimeline.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Sentiance switched on: two apps with Firehose credentials (app-a has two while one is rotated) and API keys. Every
 * Sentiance test shares this profile, so Quarkus starts once for all of them.
 */
public class SentianceProfile implements QuarkusTestProfile {

    public static final String APP_A = "app-a";
    public static final String APP_B = "app-b";
    /** An app whose API key Sentiance refuses (the fake answers 401 for it). */
    public static final String APP_REVOKED = "app-revoked";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sentiance.webhook.credentials", APP_A + ":sentiance:secret-a-old," + APP_A + ":sentiance:secret-a-new,"
                        + APP_B + ":firehose-b:secret-b," + APP_REVOKED + ":firehose-r:secret-r",
                "sentiance.api.keys", APP_A + ":key-a," + APP_B + ":key-b," + APP_REVOKED + ":key-revoked",
                "sentiance.webhook.max-inflated-size", "1M",
                "sentiance.api.store-points", "true",
                "sentiance.api.retry.delay", "20ms",
                "sentiance.api.retry.max-retries", "2",
                "sentiance.ingest.max-attempts", "3",
                "sentiance.ingest.retry-delay", "300ms",
                "sentiance.ingest.max-retry-delay", "1s");
    }
}
