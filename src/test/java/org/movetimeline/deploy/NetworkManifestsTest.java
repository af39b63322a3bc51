package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.deploy.Manifests.INGEST;
import static org.movetimeline.deploy.Manifests.RECEIVER;
import static org.movetimeline.deploy.Manifests.resolvePort;
import static org.movetimeline.deploy.Manifests.stringMap;

/** Who reaches the pods: the Service and Ingress (the receiver's HTTP port only) and the NetworkPolicies. */
class NetworkManifestsTest {

    private static final String WEBHOOK_PATH = "/webhooks/move/timeline";

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void serviceReachesTheReceiverOnly(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Doc receiver = m.one("Deployment", RECEIVER);
        Doc ingest = m.one("Deployment", INGEST);
        Doc service = receiverService(m);
        Map<String, String> selector = stringMap(service.node().path("spec").path("selector"));
        assertFalse(selector.isEmpty(), m.origin() + ": " + service.where() + " has no selector");
        assertTrue(receiver.podLabels().entrySet().containsAll(selector.entrySet()), m.origin() + ": " + service.where()
                + " selector " + selector + " does not select the receiver pods " + receiver.podLabels());
        assertFalse(ingest.podLabels().entrySet().containsAll(selector.entrySet()), m.origin() + ": " + service.where()
                + " selector " + selector + " also selects the ingest pods " + ingest.podLabels()
                + ": webhooks would reach consumers that do not serve them");
        for (JsonNode port : service.node().path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
            assertEquals(settings.httpPort(), resolvePort(receiver.container(), target), m.origin() + ": " + service.where()
                    + " targetPort '" + target.asText() + "' is not the receiver's HTTP port " + settings.httpPort()
                    + " (declared ports: " + receiver.container().path("ports") + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void ingressRoutesTheWebhookOverTlsToTheReceiverService(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Doc service = receiverService(m);
        JsonNode spec = ingress(m).node().path("spec");
        assertTrue(spec.path("tls").size() > 0, m.origin() + ": the Ingress has no TLS section: MOVE must post over HTTPS");
        Set<String> tlsHosts = new LinkedHashSet<>();
        spec.path("tls").forEach(t -> t.path("hosts").forEach(h -> tlsHosts.add(h.asText())));
        boolean webhookRouted = false;
        for (JsonNode rule : spec.path("rules")) {
            assertTrue(tlsHosts.contains(rule.path("host").asText()), m.origin() + ": Ingress host '"
                    + rule.path("host").asText() + "' has no TLS entry (TLS hosts: " + tlsHosts + ")");
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                assertEquals(service.name(), backend.path("name").asText(), m.origin() + ": Ingress path "
                        + path.path("path").asText() + " routes to '" + backend.path("name").asText()
                        + "', not to the receiver Service '" + service.name() + "'");
                assertTrue(servicePortExists(service, backend.path("port")), m.origin() + ": Ingress backend port "
                        + backend.path("port") + " is not a port of Service " + service.name());
                webhookRouted |= WEBHOOK_PATH.startsWith(path.path("path").asText());
            }
        }
        assertTrue(webhookRouted, m.origin() + ": no Ingress path routes " + WEBHOOK_PATH);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void ingressBodyLimitLetsThroughWhatTheServiceAccepts(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        String nginxLimit = ingress(m).node().path("metadata").path("annotations")
                .path("nginx.ingress.kubernetes.io/proxy-body-size").asText(null);
        Optional<Long> bodyLimit = settings.setting(m, "move.webhook.max-body-size").map(ServiceSettings::memorySize);
        if (nginxLimit != null && bodyLimit.isPresent()) {
            assertTrue(ServiceSettings.memorySize(nginxLimit) >= bodyLimit.get(), m.origin() + ": Ingress proxy-body-size "
                    + nginxLimit + " is below move.webhook.max-body-size (" + bodyLimit.get() + " bytes): nginx would refuse "
                    + "batches the service accepts");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void networkPoliciesAdmitTheIngressToTheReceiverAndPrometheusToTheManagementPort(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        int http = settings.httpPort();
        int management = settings.managementPort();
        // Only the receiver accepts traffic from the ingress controller, on the HTTP port; both from Prometheus, on the
        // management port, which nothing else may reach: /admin is for kubectl port-forward.
        Map<String, Set<Integer>> admitted = Map.of(RECEIVER, Set.of(http, management), INGEST, Set.of(management));
        for (Doc np : m.ofKind("NetworkPolicy")) {
            Set<Integer> ports = new TreeSet<>();
            for (JsonNode rule : np.node().path("spec").path("ingress")) {
                Set<Integer> rulePorts = new TreeSet<>();
                rule.path("ports").forEach(p -> rulePorts.add(p.path("port").asInt()));
                ports.addAll(rulePorts);
                if (rulePorts.contains(management)) {
                    for (JsonNode peer : rule.path("from")) {
                        assertEquals("monitoring", peer.path("namespaceSelector").path("matchLabels")
                                .path("kubernetes.io/metadata.name").asText(), m.origin() + ": " + np.where()
                                + " admits " + peer + " to the management port " + management + ": only Prometheus may scrape it");
                    }
                }
            }
            assertEquals(admitted.get(np.name()), ports, m.origin() + ": " + np.where() + " must admit exactly the ports "
                    + admitted.get(np.name()) + " (HTTP " + http + ", management " + management + ")");
        }
    }

    private static Doc receiverService(Manifests m) {
        List<Doc> services = m.ofKind("Service");
        assertEquals(1, services.size(), m.origin() + ": expected one Service (the receiver's), found "
                + services.stream().map(Doc::name).toList());
        return services.get(0);
    }

    private static Doc ingress(Manifests m) {
        List<Doc> ingresses = m.ofKind("Ingress");
        assertEquals(1, ingresses.size(), m.origin() + ": expected one Ingress (the receiver's)");
        return ingresses.get(0);
    }

    private static boolean servicePortExists(Doc service, JsonNode port) {
        for (JsonNode p : service.node().path("spec").path("ports")) {
            if ((port.has("name") && p.path("name").asText().equals(port.path("name").asText()))
                    || (port.has("number") && p.path("port").asInt() == port.path("number").asInt())) {
                return true;
            }
        }
        return false;
    }
}
