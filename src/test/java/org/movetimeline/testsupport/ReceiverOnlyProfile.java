package org.movetimeline.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The receiver role alone, so receiver tests see exactly what the receiver writes to the DLQ. */
public class ReceiverOnlyProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("app.ingest.enabled", "false");
    }
}
