package org.movetimeline.simulator.sentiance;

import org.junit.jupiter.api.Test;
import org.movetimeline.simulator.SimulatorSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentianceSettingsTest {

    @Test
    void sourcesDefaultToMoveAndPickEitherOrBoth() {
        assertEquals(Set.of("move"), SimulatorSettings.defaults().sources());
        SimulatorSettings both = SimulatorSettings.fromEnvironment(Map.of("SIM_SOURCES", " Move , sentiance ",
                "SIM_NOTIFY_URL", "http://localhost:8080/x", "SIM_NOTIFY_SECRET", "s"));
        assertEquals(Set.of("move", "sentiance"), both.sources());
        assertTrue(both.notifierEnabled());
        SimulatorSettings sentianceOnly = SimulatorSettings.fromEnvironment(Map.of("SIM_SOURCES", "sentiance",
                "SIM_NOTIFY_URL", "http://localhost:8080/x", "SIM_NOTIFY_SECRET", "s"));
        assertFalse(sentianceOnly.notifierEnabled()); // MOVE is not played, so neither is its notifier
        assertThrows(IllegalArgumentException.class, () -> SimulatorSettings.fromEnvironment(Map.of("SIM_SOURCES", "move,foo")));
        assertThrows(IllegalArgumentException.class, () -> SimulatorSettings.fromEnvironment(Map.of("SIM_SOURCES", ",")));
    }

    @Test
    void readsTheSentianceVariables() {
        SentianceSettings s = SentianceSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SIM_SENTIANCE_API_KEYS", "a1:key:with:colons, a2:k2"),
                Map.entry("SIM_SENTIANCE_WEBHOOK_CREDENTIALS", "a1:u:p1,a1:u2:p2,a2:v:p:q"),
                Map.entry("SIM_SENTIANCE_FIREHOSE_URL", "http://127.0.0.1:8080"),
                Map.entry("SIM_SENTIANCE_RETRY_INITIAL", "100ms"),
                Map.entry("SIM_SENTIANCE_FAIL_429_RATIO", "0.25")));
        assertEquals(Map.of("a1", "key:with:colons", "a2", "k2"), s.apiKeys());
        assertEquals(new SentianceSettings.WebhookCredential("u", "p1"), s.webhookCredentials().get("a1"));
        assertEquals(new SentianceSettings.WebhookCredential("v", "p:q"), s.webhookCredentials().get("a2"));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8080")), s.firehoseUrl());
        assertEquals(Duration.ofMillis(100), s.retryInitial());
        assertEquals(0.25, s.failRatios().get(429));
        assertEquals(0.0, s.failRatios().get(500));
        assertFalse(s.toString().contains("p1") || s.toString().contains("colons"), s.toString());
    }

    @Test
    void refusesBadValuesWithoutEchoingSecrets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SentianceSettings.fromEnvironment(Map.of("SIM_SENTIANCE_WEBHOOK_CREDENTIALS", "a1:top-secret")));
        assertFalse(e.getMessage().contains("top-secret"));
        assertThrows(IllegalArgumentException.class, () -> SentianceSettings.fromEnvironment(Map.of(
                "SIM_SENTIANCE_FAIL_401_RATIO", "0.6", "SIM_SENTIANCE_FAIL_500_RATIO", "0.6")));
    }
}
