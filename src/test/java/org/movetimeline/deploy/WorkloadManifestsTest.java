package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.deploy.Manifests.INGEST;
import static org.movetimeline.deploy.Manifests.RECEIVER;
import static org.movetimeline.deploy.Manifests.declaresPort;
import static org.movetimeline.deploy.Manifests.resolvePort;

/** The two Deployments: one image, the role switches, probes and ports, graceful shutdown, hardening. */
class WorkloadManifestsTest {

    private static final String STARTED = "/q/health/started";
    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void bothRolesRunTheSameImage(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        String receiver = m.one("Deployment", RECEIVER).container().path("image").asText();
        String ingest = m.one("Deployment", INGEST).container().path("image").asText();
        assertFalse(receiver.isBlank(), m.origin() + ": Deployment receiver has no image");
        assertEquals(receiver, ingest, m.origin() + ": the two roles must run the same image (receiver: '"
                + receiver + "', ingest: '" + ingest + "')");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void roleSwitchesSplitTheRoles(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Map<String, String> receiver = m.one("Deployment", RECEIVER).literalEnv();
        Map<String, String> ingest = m.one("Deployment", INGEST).literalEnv();
        String r = m.origin() + ": Deployment receiver must set ";
        String i = m.origin() + ": Deployment ingest must set ";
        assertEquals("true", receiver.get("APP_RECEIVER_ENABLED"), r + "APP_RECEIVER_ENABLED=\"true\" in env");
        assertEquals("false", receiver.get("APP_INGEST_ENABLED"), r + "APP_INGEST_ENABLED=\"false\" in env (the consumer defaults to on)");
        assertEquals("false", ingest.get("APP_RECEIVER_ENABLED"), i + "APP_RECEIVER_ENABLED=\"false\" in env (the receiver defaults to on)");
        assertEquals("true", ingest.get("APP_INGEST_ENABLED"), i + "APP_INGEST_ENABLED=\"true\" in env");
        for (Map.Entry<String, Map<String, String>> cm : m.configMaps().entrySet()) {
            for (String key : List.of("APP_RECEIVER_ENABLED", "APP_INGEST_ENABLED")) {
                assertFalse(cm.getValue().containsKey(key), m.origin() + ": ConfigMap " + cm.getKey() + " sets " + key
                        + ", which would apply to both roles; set it per Deployment");
            }
        }
    }

    @Test
    void theManagementInterfaceIsOn() {
        // Built into the jar: without it health and metrics would be on the HTTP port, not where the manifests look.
        assertEquals("true", settings.property("quarkus.management.enabled").orElse(null),
                "application.properties must set quarkus.management.enabled=true: the probes, scrapes and NetworkPolicies "
                        + "use the management port " + settings.managementPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void probesUseTheQuarkusHealthEndpointsOnTheManagementPort(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        checkProbes(m.ofKind("Deployment"), true, m.origin());
    }

    /** Overlay patches and components may leave probes out, but any they set must be right. */
    @Test
    void probesOfEveryDeploymentFragmentUnderK8sUseTheHealthEndpoints() {
        checkProbes(Manifests.filesOfKind("Deployment"), false, "k8s/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void gracePeriodCoversTheShutdownTimeout(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Optional<String> timeout = settings.setting(m, "quarkus.shutdown.timeout");
        assertTrue(timeout.isPresent(), m.origin() + ": QUARKUS_SHUTDOWN_TIMEOUT is not set in the ConfigMap: "
                + "without it Quarkus stops at once on SIGTERM, cutting in-flight webhooks");
        Duration shutdown = ServiceSettings.duration(timeout.get());
        for (Doc d : List.of(m.one("Deployment", RECEIVER), m.one("Deployment", INGEST))) {
            long grace = d.podSpec().path("terminationGracePeriodSeconds").asLong(30);
            long preStop = d.container().path("lifecycle").path("preStop").path("sleep").path("seconds").asLong(0);
            assertTrue(grace > shutdown.toSeconds() + preStop, m.origin() + ": " + d.where()
                    + " terminationGracePeriodSeconds " + grace + " must exceed the preStop pause (" + preStop
                    + " s) plus QUARKUS_SHUTDOWN_TIMEOUT (" + shutdown.toSeconds() + " s), or Kubernetes kills it mid-shutdown");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void podsAreHardened(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        for (Doc d : m.ofKind("Deployment")) {
            JsonNode pod = d.podSpec();
            String where = m.origin() + ": " + d.where();
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " pod securityContext.runAsNonRoot must be true");
            Set<String> tmpVolumes = new LinkedHashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    tmpVolumes.add(v.path("name").asText());
                }
            });
            for (JsonNode c : d.containers()) {
                JsonNode sc = c.path("securityContext");
                String cw = where + " container " + c.path("name").asText();
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), cw + " readOnlyRootFilesystem must be true");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), cw + " allowPrivilegeEscalation must be false");
                List<String> dropped = new ArrayList<>();
                sc.path("capabilities").path("drop").forEach(x -> dropped.add(x.asText()));
                assertTrue(dropped.contains("ALL"), cw + " must drop ALL capabilities");
                boolean tmp = false;
                for (JsonNode mount : c.path("volumeMounts")) {
                    tmp |= mount.path("mountPath").asText().equals("/tmp") && tmpVolumes.contains(mount.path("name").asText());
                }
                assertTrue(tmp, cw + " needs an emptyDir at /tmp: the root filesystem is read-only and the JVM and Vert.x write there");
                for (String r : List.of("requests", "limits")) {
                    JsonNode res = c.path("resources").path(r);
                    assertTrue(res.has("cpu") && res.has("memory"), cw + " resources." + r + " must set cpu and memory");
                }
            }
        }
    }

    private void checkProbes(List<Doc> deployments, boolean required, String origin) {
        int management = settings.managementPort();
        for (Doc d : deployments) {
            for (JsonNode c : d.containers()) {
                String where = origin + ": " + d.where() + " container " + c.path("name").asText();
                for (Map.Entry<String, String> p : Map.of("startupProbe", STARTED, "readinessProbe", READY,
                        "livenessProbe", LIVE).entrySet()) {
                    JsonNode probe = c.path(p.getKey());
                    if (probe.isMissingNode()) {
                        assertFalse(required, where + " has no " + p.getKey() + " (expected GET " + p.getValue() + ")");
                        continue;
                    }
                    JsonNode get = probe.path("httpGet");
                    assertEquals(p.getValue(), get.path("path").asText(), where + " " + p.getKey()
                            + " must GET " + p.getValue() + " (SmallRye Health)");
                    if (required || !c.path("ports").isMissingNode()) {
                        assertEquals(management, resolvePort(c, get.path("port")), where + " " + p.getKey() + " port '"
                                + get.path("port").asText() + "' is not the container's management port " + management
                                + " (declared ports: " + c.path("ports") + ")");
                    }
                }
                if (required) {
                    assertTrue(declaresPort(c, settings.httpPort()), where + " must declare containerPort " + settings.httpPort()
                            + " (the service's HTTP port)");
                    assertTrue(declaresPort(c, management), where + " must declare containerPort " + management
                            + " (the management port: health, metrics, admin)");
                }
            }
        }
    }
}
