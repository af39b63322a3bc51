package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.deploy.Manifests.INGEST;
import static org.movetimeline.deploy.Manifests.RECEIVER;
import static org.movetimeline.deploy.Manifests.stringMap;

/** HPAs, PodDisruptionBudgets and NetworkPolicies: one per role, each selecting its own role's pods. */
class ScalingManifestsTest {

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void ingestScalesUpToThePartitionCount(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        int partitions = KafkaTopicManifestsTest.notificationPartitions(m, settings);
        Doc hpa = m.one("HorizontalPodAutoscaler", INGEST);
        JsonNode target = hpa.node().path("spec").path("scaleTargetRef");
        assertEquals("Deployment/" + INGEST, target.path("kind").asText() + "/" + target.path("name").asText(),
                m.origin() + ": " + hpa.where() + " must scale Deployment ingest");
        assertEquals(partitions, hpa.node().path("spec").path("maxReplicas").asInt(), m.origin() + ": " + hpa.where()
                + " maxReplicas must equal the partition count of the notifications topic (" + partitions
                + "): more consumers would idle, fewer would leave parallelism unused");
        Doc receiverHpa = m.one("HorizontalPodAutoscaler", RECEIVER);
        assertEquals(RECEIVER, receiverHpa.node().path("spec").path("scaleTargetRef").path("name").asText(),
                m.origin() + ": " + receiverHpa.where() + " must scale Deployment receiver");
        for (Doc d : List.of(m.one("Deployment", RECEIVER), m.one("Deployment", INGEST))) {
            assertFalse(d.node().path("spec").has("replicas"), m.origin() + ": " + d.where()
                    + " sets spec.replicas although an HPA owns the count; every apply would reset it");
        }
    }

    /** An overlay's HPA patch must not raise it past the partitions either, whichever overlay it is in. */
    @Test
    void noHpaPatchUnderK8sRaisesIngestPastThePartitions() {
        int partitions = KafkaTopicManifestsTest.notificationPartitions(Manifests.of(Manifests.BASE), settings);
        for (Doc d : Manifests.filesOfKind("HorizontalPodAutoscaler")) {
            if (d.name().equals(INGEST) && d.node().path("spec").has("maxReplicas")) {
                assertEquals(partitions, d.node().path("spec").path("maxReplicas").asInt(), d.where()
                        + ": ingest maxReplicas must equal the " + partitions + " partitions of the notifications topic");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void referencesResolve(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Set<String> deployments = m.ofKind("Deployment").stream().map(Doc::name).collect(Collectors.toSet());
        for (Doc hpa : m.ofKind("HorizontalPodAutoscaler")) {
            String target = hpa.node().path("spec").path("scaleTargetRef").path("name").asText();
            assertTrue(deployments.contains(target), m.origin() + ": " + hpa.where() + " scales unknown Deployment '" + target + "'");
        }
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (Doc d : m.ofKind("Deployment")) {
            pods.put(d.name(), d.podLabels());
            Map<String, String> selector = stringMap(d.node().path("spec").path("selector").path("matchLabels"));
            assertTrue(d.podLabels().entrySet().containsAll(selector.entrySet()), m.origin() + ": " + d.where()
                    + " selector " + selector + " does not match its own pod labels " + d.podLabels());
        }
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (Doc x : m.ofKind(kind)) {
                JsonNode sel = kind.equals("NetworkPolicy") ? x.node().path("spec").path("podSelector")
                        : x.node().path("spec").path("selector");
                Map<String, String> selector = stringMap(sel.path("matchLabels"));
                List<String> matched = pods.entrySet().stream()
                        .filter(p -> p.getValue().entrySet().containsAll(selector.entrySet()))
                        .map(Map.Entry::getKey).toList();
                assertEquals(List.of(x.name()), matched, m.origin() + ": " + x.where() + " selects the pods of " + matched
                        + "; it should select exactly Deployment " + x.name());
            }
        }
        for (String role : List.of(RECEIVER, INGEST)) {
            for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy", "HorizontalPodAutoscaler")) {
                assertEquals(1, m.ofKind(kind).stream().filter(d -> d.name().equals(role)).count(),
                        m.origin() + ": expected a " + kind + " named " + role);
            }
        }
    }
}
