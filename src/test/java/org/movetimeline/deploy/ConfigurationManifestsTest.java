package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.deploy.Manifests.ROOT;

/**
 * The configuration the Deployments hand the service: only settings it reads, secrets only from the Secret,
 * whose template names every secret the service needs and holds nothing but placeholders.
 */
class ConfigurationManifestsTest {

    /** Names of settings that are secret: never inline in a manifest, never in a ConfigMap. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|CREDENTIAL|TOKEN|API_?KEY).*");
    /** What counts as an obvious placeholder in a Secret template. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i).*(CHANGE[_-]?ME|REPLACE[_-]?ME|PLACEHOLDER|<[^>]+>).*");

    private final ServiceSettings settings = ServiceSettings.read();

    @Test
    void everyYamlFileUnderK8sParses() {
        List<Doc> docs = Manifests.files();
        assertFalse(docs.isEmpty(), "no YAML documents found under k8s/");
        for (Doc d : docs) {
            assertTrue(d.node().isObject(), ROOT.relativize(d.file()) + ": a document that is not a mapping");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void everyEnvVarIsASettingTheServiceReads(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        List<Doc> deployments = m.ofKind("Deployment");
        assertFalse(deployments.isEmpty(), m.origin() + ": no Deployment");
        checkEnvVars(deployments, m, m.origin());
    }

    /** Also every Deployment fragment anywhere under k8s/ (overlay patches, components). */
    @Test
    void everyEnvVarOfEveryDeploymentFragmentUnderK8sIsASettingTheServiceReads() {
        checkEnvVars(Manifests.filesOfKind("Deployment"), Manifests.of(Manifests.BASE), "k8s/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void secretsAreReferencedNeverInlined(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        for (Doc d : m.ofKind("Deployment")) {
            for (JsonNode c : d.containers()) {
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    if (SECRET_NAME.matcher(name).matches()) {
                        assertTrue(e.path("valueFrom").has("secretKeyRef"), m.origin() + ": " + d.where() + " sets "
                                + name + " without secretKeyRef: secret values must come from the Secret, never inline");
                    }
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        String secret = ref.path("name").asText();
                        Map<String, String> template = m.secretTemplates().get(secret);
                        assertNotNull(template, m.origin() + ": " + d.where() + " reads " + name + " from Secret '" + secret
                                + "', which no Secret template under k8s/ describes; known: " + m.secretTemplates().keySet());
                        assertTrue(template.containsKey(ref.path("key").asText()), m.origin() + ": " + d.where()
                                + " reads key '" + ref.path("key").asText() + "' of Secret '" + secret
                                + "', which its template does not have; template keys: " + template.keySet());
                    }
                }
            }
        }
        for (Map.Entry<String, Map<String, String>> cm : m.configMaps().entrySet()) {
            for (String key : cm.getValue().keySet()) {
                assertFalse(SECRET_NAME.matcher(key).matches(), m.origin() + ": ConfigMap " + cm.getKey() + " holds "
                        + key + ", a secret: it belongs in the Secret");
            }
        }
        // The secrets the service needs are all in the template, so an operator creating the Secret
        // from it cannot forget one.
        Set<String> templateKeys = m.secretTemplates().values().stream().flatMap(t -> t.keySet().stream())
                .collect(Collectors.toSet());
        for (String needed : List.of("MOVE_WEBHOOK_SECRETS", "MOVE_API_CREDENTIALS", "QUARKUS_DATASOURCE_PASSWORD",
                "MOVE_ADMIN_TOKEN")) {
            assertTrue(templateKeys.contains(needed), m.origin() + ": no Secret template has the key " + needed);
        }
    }

    @Test
    void secretTemplatesHoldOnlyPlaceholders() throws IOException {
        List<Doc> secrets = Manifests.filesOfKind("Secret");
        assertFalse(secrets.isEmpty(), "no Secret template under k8s/ (expected k8s/base/secret.example.yaml)");
        for (Doc s : secrets) {
            for (Map.Entry<String, String> e : Manifests.secretValues(s).entrySet()) {
                assertPlaceholder(e.getValue(), s.where() + " key " + e.getKey());
            }
        }
        for (Path k : Manifests.kustomizationsUnder(Manifests.K8S)) {
            for (JsonNode gen : Manifests.readSingle(k).path("secretGenerator")) {
                for (Map.Entry<String, String> e : Manifests.generatorValues(k.getParent(), gen).entrySet()) {
                    assertPlaceholder(e.getValue(), ROOT.relativize(k) + " secretGenerator "
                            + gen.path("name").asText() + " key " + e.getKey());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void noSecretIsApplied(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        for (Doc d : m.docs()) {
            assertFalse(d.kind().equals("Secret"), m.origin() + " contains " + d.where() + ": `kubectl apply -k` "
                    + "would overwrite the real Secret, created by hand from the template, with the template's placeholders");
        }
    }

    private void checkEnvVars(List<Doc> deployments, Manifests m, String origin) {
        for (Doc d : deployments) {
            for (JsonNode c : d.containers()) {
                String where = origin + ": " + d.where() + " container " + c.path("name").asText();
                for (JsonNode e : c.path("env")) {
                    settings.assertReadable(e.path("name").asText(), where + " env");
                }
                for (JsonNode from : c.path("envFrom")) {
                    String prefix = from.path("prefix").asText("");
                    if (from.has("configMapRef")) {
                        String cm = from.path("configMapRef").path("name").asText();
                        Map<String, String> data = m.configMap(cm);
                        assertNotNull(data, where + " loads ConfigMap '" + cm + "' with envFrom, but no such ConfigMap "
                                + "(or configMapGenerator) exists; known: " + m.configMaps().keySet());
                        data.keySet().forEach(k -> settings.assertReadable(prefix + k, where + " envFrom ConfigMap " + cm));
                    }
                    if (from.has("secretRef")) {
                        String s = from.path("secretRef").path("name").asText();
                        Map<String, String> data = m.secretTemplates().get(s);
                        assertNotNull(data, where + " loads Secret '" + s + "' with envFrom, but no Secret template "
                                + "of that name exists under k8s/; known: " + m.secretTemplates().keySet());
                        data.keySet().forEach(k -> settings.assertReadable(prefix + k, where + " envFrom Secret " + s));
                    }
                }
            }
        }
    }

    private static void assertPlaceholder(String value, String where) {
        for (String part : value.split(",")) {
            assertTrue(part.isBlank() || PLACEHOLDER.matcher(part).matches(), where + " holds '" + part.strip()
                    .replaceAll("(?<=.{3}).", "*") + "', which is not an obvious placeholder (CHANGE_ME, <...>): "
                    + "no real secret may be committed");
        }
    }
}
