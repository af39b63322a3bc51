package org.movetimeline.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Tracing on, as an operator would switch it on, but exporting to {@link InMemorySpans} instead of an OTLP collector:
 * this profile's build has no OTLP exporter, and spans are handed over every 50 ms. (Quarkus 3.30 calls
 * quarkus.otel.exporter.otlp.enabled deprecated, with no replacement; later releases withdrew the deprecation.)
 */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
