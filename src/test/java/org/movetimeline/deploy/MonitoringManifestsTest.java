package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.movetimeline.deploy.Manifests.RECEIVER;
import static org.movetimeline.deploy.Manifests.resolvePort;

/** Prometheus finds /q/metrics on the management port, through the pod annotations or the PodMonitor. */
class MonitoringManifestsTest {

    private static final String METRICS = "/q/metrics";

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void scrapeAnnotationsPointAtQuarkusMetricsOnTheManagementPort(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        for (Doc d : m.ofKind("Deployment")) {
            JsonNode annotations = d.node().path("spec").path("template").path("metadata").path("annotations");
            if (!annotations.has("prometheus.io/scrape")) {
                continue;
            }
            String where = m.origin() + ": " + d.where() + " pod annotation ";
            assertEquals(METRICS, annotations.path("prometheus.io/path").asText(), where + "prometheus.io/path must be " + METRICS);
            assertEquals(String.valueOf(settings.managementPort()), annotations.path("prometheus.io/port").asText(),
                    where + "prometheus.io/port must be the management port " + settings.managementPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void renderedPodMonitorsScrapeQuarkusMetricsOnTheManagementPort(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        checkPodMonitors(m.ofKind("PodMonitor"), m);
    }

    /** Every PodMonitor under k8s/, also in a component no overlay uses yet. */
    @Test
    void everyPodMonitorUnderK8sScrapesQuarkusMetricsOnTheManagementPort() {
        checkPodMonitors(Manifests.filesOfKind("PodMonitor"), Manifests.of(Manifests.BASE));
    }

    private void checkPodMonitors(List<Doc> monitors, Manifests m) {
        JsonNode receiverContainer = m.one("Deployment", RECEIVER).container();
        int management = settings.managementPort();
        for (Doc pm : monitors) {
            for (JsonNode ep : pm.node().path("spec").path("podMetricsEndpoints")) {
                assertEquals(METRICS, ep.path("path").asText(), pm.where() + " must scrape " + METRICS);
                assertEquals(management, resolvePort(receiverContainer, ep.path("port")),
                        pm.where() + " port '" + ep.path("port").asText() + "' is not the management port " + management);
            }
        }
    }
}
