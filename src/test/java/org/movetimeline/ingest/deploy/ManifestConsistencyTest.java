package org.movetimeline.ingest.deploy;

import io.quarkus.runtime.configuration.DurationConverter;
import org.movetimeline.ingest.RetryTiers;
import org.movetimeline.testsupport.ConfigDefaults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the Kubernetes manifests under {@code k8s/} in agreement with the code: the settings the
 * service reads, its health and metrics paths, its two ports (webhooks on the HTTP port; health, metrics and
 * admin on the management port), its role switches and its topics.
 * Plain JUnit (no Quarkus, Kafka or database): it reads the YAML, application.properties and the
 * {@link ConfigMapping} interfaces.
 *
 * <p>The base ({@code k8s/base}) is checked as written. The production overlay is checked through its
 * {@code images:} entry and, where {@code kubectl} is on the PATH, fully as {@code kubectl kustomize}
 * renders it (that test is skipped, not failed, on a machine without kubectl).
 */
class ManifestConsistencyTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path K8S = ROOT.resolve("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final Path OVERLAYS = K8S.resolve("overlays");
    private static final Path PRODUCTION = OVERLAYS.resolve("production");
    private static final Path PROPERTIES = ROOT.resolve("src/main/resources/application.properties");
    private static final Path MAIN_JAVA = ROOT.resolve("src/main/java");

    private static final String RECEIVER = "receiver";
    private static final String INGEST = "ingest";
    private static final String STARTED = "/q/health/started";
    private static final String READY = "/q/health/ready";
    private static final String LIVE = "/q/health/live";
    private static final String METRICS = "/q/metrics";
    private static final String WEBHOOK_PATH = "/webhooks/move/timeline";
    private static final String TOPIC_PREFIX = "move.topics.";
    private static final String NOTIFICATIONS_TOPIC_KEY = "move.topics.notifications";
    private static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";

    /** Quarkus runtime properties the manifests may set although application.properties does not. */
    private static final Set<String> QUARKUS_RUNTIME_ALLOWED = Set.of(
            "QUARKUS_SHUTDOWN_TIMEOUT",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD");
    /** Any QUARKUS_LOG_* (levels, categories, format) or QUARKUS_OTEL_* (trace export) is fine to tune per environment. */
    private static final List<String> QUARKUS_TUNABLE_PREFIXES = List.of("QUARKUS_LOG_", "QUARKUS_OTEL_");
    /** Read by the JVM itself (the JVM image's entry point is plain java, no launcher script), not by the service. */
    private static final Set<String> NON_APP_ALLOWED = Set.of("JAVA_TOOL_OPTIONS");

    /** Names of settings that are secret: never inline in a manifest, never in a ConfigMap. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|CREDENTIAL|TOKEN|API_?KEY).*");
    /** What counts as an obvious placeholder in a Secret template. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i).*(CHANGE[_-]?ME|REPLACE[_-]?ME|PLACEHOLDER|<[^>]+>).*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Properties properties;
    private static Set<String> readableEnv;
    private static Set<String> readableEnvPrefixes;
    private static List<Doc> allDocs;
    private static Manifests base;

    /** One YAML document and the file it came from. */
    record Doc(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String where() {
            return kind() + " " + name() + (file.startsWith(ROOT) ? " (" + ROOT.relativize(file) + ")" : "");
        }
    }

    /**
     * A set of resources to check: the base as written, or an overlay as rendered. ConfigMaps and
     * Secrets are kept by name as key/value maps, whether they come from YAML or from generators.
     */
    record Manifests(String origin, List<Doc> docs, Map<String, Map<String, String>> configMaps,
                     Map<String, Map<String, String>> secretTemplates) {
        List<Doc> ofKind(String kind) {
            return docs.stream().filter(d -> d.kind().equals(kind)).toList();
        }

        Doc one(String kind, String name) {
            List<Doc> found = docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).toList();
            assertEquals(1, found.size(), origin + ": expected exactly one " + kind + " named '" + name
                    + "', found " + found.size());
            return found.get(0);
        }
    }

    @BeforeAll
    static void load() throws Exception {
        assertTrue(Files.isDirectory(K8S), "no k8s/ directory under " + ROOT + " (run the test from the project root)");
        properties = new Properties();
        try (Reader r = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(r);
        }
        // The service's own defaults are in its @ConfigMapping interfaces, not in application.properties.
        ConfigDefaults.settings().forEach(s -> s.defaultValue().ifPresent(v -> properties.putIfAbsent(s.property(), v)));
        readableEnv = new TreeSet<>();
        readableEnvPrefixes = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            readableEnv.add(toEnv(stripProfile(key)));
        }
        collectConfigMappings();
        collectConfigProperties();
        allDocs = loadAllYaml();
        base = loadBase();
    }

    // ---------------------------------------------------------------------------------------------
    // Checks on the base as written
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyYamlFileUnderK8sParses() {
        assertFalse(allDocs.isEmpty(), "no YAML documents found under k8s/");
        for (Doc d : allDocs) {
            assertTrue(d.node().isObject(), ROOT.relativize(d.file()) + ": a document that is not a mapping");
        }
    }

    @Test
    void bothRolesRunTheSameImage() {
        checkSameImage(base);
    }

    @Test
    void overlayImagesEntryRetagsTheBaseImage() throws IOException {
        String baseImage = imageName(containerOf(base.one("Deployment", RECEIVER)).path("image").asText());
        List<Path> overlays = kustomizationsUnder(OVERLAYS);
        assertFalse(overlays.isEmpty(), "no overlay kustomization.yaml under k8s/overlays");
        assertTrue(overlays.contains(PRODUCTION.resolve("kustomization.yaml")), "k8s/overlays/production/kustomization.yaml is missing");
        for (Path k : overlays) {
            JsonNode images = readSingle(k).path("images");
            if (k.startsWith(PRODUCTION)) {
                assertTrue(images.isArray() && images.size() > 0, ROOT.relativize(k) + " has no images: entry to pin the release");
            }
            for (JsonNode image : images) {
                String where = ROOT.relativize(k) + " images entry '" + image.path("name").asText() + "'";
                assertEquals(baseImage, image.path("name").asText(),
                        where + " does not match the image name of the base Deployments ('" + baseImage
                                + "'), so kustomize would leave the image untagged");
                boolean digest = image.hasNonNull("digest");
                String tag = image.path("newTag").asText("");
                assertTrue(digest || !tag.isBlank(), where + " sets neither newTag nor digest");
                assertFalse(!digest && tag.equals("latest"), where + " uses the tag 'latest': pods could run different builds");
            }
        }
    }

    @Test
    void everyEnvVarIsASettingTheServiceReads() {
        checkEnvVars(base);
        // Also every Deployment fragment anywhere under k8s/ (overlay patches, components).
        checkEnvVarsOf(allDocs.stream().filter(d -> d.kind().equals("Deployment")).toList(), base, "k8s/");
    }

    @Test
    void secretsAreReferencedNeverInlined() {
        checkSecretsReferenced(base);
    }

    @Test
    void roleSwitchesSplitTheRoles() {
        checkRoleSwitches(base);
    }

    @Test
    void theManagementInterfaceIsOn() {
        // Built into the jar: without it health and metrics would be on the HTTP port, not where the manifests look.
        assertEquals("true", properties.getProperty("quarkus.management.enabled"),
                "application.properties must set quarkus.management.enabled=true: the probes, scrapes and NetworkPolicies "
                        + "use the management port " + managementPort());
    }

    @Test
    void probesUseTheQuarkusHealthEndpointsOnTheManagementPort() {
        checkProbes(base.docs().stream().filter(d -> d.kind().equals("Deployment")).toList(), true);
        checkProbes(allDocs.stream().filter(d -> d.kind().equals("Deployment")).toList(), false);
    }

    @Test
    void metricsScrapeConfigPointsAtQuarkusMetricsOnTheManagementPort() {
        checkMetrics(base);
        checkPodMonitors(allDocs.stream().filter(d -> d.kind().equals("PodMonitor")).toList(), base);
    }

    @Test
    void serviceAndIngressReachTheReceiverOnly() {
        checkServiceAndIngress(base);
    }

    @Test
    void kafkaTopicsAreTheConfiguredTopics() {
        checkKafkaTopics(base);
    }

    @Test
    void ingestScalesUpToThePartitionCount() {
        checkIngestScaling(base);
        // An overlay's HPA patch must not raise it past the partitions either.
        int partitions = notificationPartitions(base);
        for (Doc d : allDocs) {
            if (d.kind().equals("HorizontalPodAutoscaler") && d.name().equals(INGEST) && d.node().path("spec").has("maxReplicas")) {
                assertEquals(partitions, d.node().path("spec").path("maxReplicas").asInt(), d.where()
                        + ": ingest maxReplicas must equal the " + partitions + " partitions of the notifications topic");
            }
        }
    }

    @Test
    void gracePeriodCoversTheShutdownTimeout() {
        checkGracefulShutdown(base);
    }

    @Test
    void podsAreHardened() {
        checkHardening(base);
    }

    @Test
    void referencesResolve() {
        checkReferences(base);
    }

    @Test
    void secretTemplatesHoldOnlyPlaceholders() throws IOException {
        List<Doc> secrets = allDocs.stream().filter(d -> d.kind().equals("Secret")).toList();
        assertFalse(secrets.isEmpty(), "no Secret template under k8s/ (expected k8s/base/secret.example.yaml)");
        for (Doc s : secrets) {
            for (Map.Entry<String, String> e : secretValues(s).entrySet()) {
                assertPlaceholder(e.getValue(), s.where() + " key " + e.getKey());
            }
        }
        for (Path k : kustomizationsUnder(K8S)) {
            for (JsonNode gen : readSingle(k).path("secretGenerator")) {
                Map<String, String> values = generatorValues(k.getParent(), gen);
                for (Map.Entry<String, String> e : values.entrySet()) {
                    assertPlaceholder(e.getValue(), ROOT.relativize(k) + " secretGenerator "
                            + gen.path("name").asText() + " key " + e.getKey());
                }
            }
        }
        for (Doc d : base.docs()) {
            assertFalse(d.kind().equals("Secret"), d.where() + " is part of the base kustomization: `kubectl apply -k` "
                    + "would overwrite the real Secret with the template's placeholders");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The production overlay as kustomize renders it
    // ---------------------------------------------------------------------------------------------

    @Test
    void productionOverlayRendersConsistently() throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl not on PATH: rendered overlay not checked");
        List<Doc> rendered = kustomize(kubectl.get(), PRODUCTION);
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        for (Doc d : rendered) {
            if (d.kind().equals("ConfigMap")) {
                configMaps.put(d.name(), stringMap(d.node().path("data")));
            }
        }
        Manifests prod = new Manifests("production overlay (rendered)", rendered, configMaps, base.secretTemplates());

        String image = containerOf(prod.one("Deployment", RECEIVER)).path("image").asText();
        JsonNode images = readSingle(PRODUCTION.resolve("kustomization.yaml")).path("images");
        String expectedName = images.path(0).path("newName").asText(imageName(image));
        List<Executable> checks = new ArrayList<>(List.of(
                () -> checkSameImage(prod),
                () -> assertTrue(image.startsWith(expectedName + ":") || image.startsWith(expectedName + "@"),
                        prod.origin() + ": Deployment image '" + image + "' is not the overlay's '" + expectedName + "' with a tag"),
                () -> checkEnvVars(prod),
                () -> checkSecretsReferenced(prod),
                () -> checkRoleSwitches(prod),
                () -> checkProbes(prod.ofKind("Deployment"), true),
                () -> checkMetrics(prod),
                () -> checkPodMonitors(prod.ofKind("PodMonitor"), prod),
                () -> checkServiceAndIngress(prod),
                () -> checkKafkaTopics(prod),
                () -> checkIngestScaling(prod),
                () -> checkGracefulShutdown(prod),
                () -> checkHardening(prod),
                () -> checkReferences(prod)));
        for (Doc d : rendered) {
            checks.add(() -> assertFalse(d.kind().equals("Secret"), prod.origin() + " contains " + d.where()
                    + ": the real Secret is created by hand from the template, never applied from the repository"));
            boolean clusterScoped = d.kind().equals("Namespace");
            checks.add(() -> assertTrue(clusterScoped || d.node().path("metadata").hasNonNull("namespace"),
                    prod.origin() + ": " + d.where() + " has no namespace"));
        }
        assertAll(prod.origin(), checks);
    }

    // ---------------------------------------------------------------------------------------------
    // The checks themselves, shared by the base and the rendered overlay
    // ---------------------------------------------------------------------------------------------

    private static void checkSameImage(Manifests m) {
        String receiver = containerOf(m.one("Deployment", RECEIVER)).path("image").asText();
        String ingest = containerOf(m.one("Deployment", INGEST)).path("image").asText();
        assertFalse(receiver.isBlank(), m.origin() + ": Deployment receiver has no image");
        assertEquals(receiver, ingest, m.origin() + ": the two roles must run the same image (receiver: '"
                + receiver + "', ingest: '" + ingest + "')");
    }

    private static void checkEnvVars(Manifests m) {
        List<Doc> deployments = m.ofKind("Deployment");
        assertFalse(deployments.isEmpty(), m.origin() + ": no Deployment");
        checkEnvVarsOf(deployments, m, m.origin());
    }

    private static void checkEnvVarsOf(List<Doc> deployments, Manifests m, String origin) {
        for (Doc d : deployments) {
            for (JsonNode c : containers(d)) {
                String where = origin + ": " + d.where() + " container " + c.path("name").asText();
                for (JsonNode e : c.path("env")) {
                    assertReadable(e.path("name").asText(), where + " env");
                }
                for (JsonNode from : c.path("envFrom")) {
                    String prefix = from.path("prefix").asText("");
                    if (from.has("configMapRef")) {
                        String cm = from.path("configMapRef").path("name").asText();
                        Map<String, String> data = m.configMaps().get(cm);
                        assertNotNull(data, where + " loads ConfigMap '" + cm + "' with envFrom, but no such ConfigMap "
                                + "(or configMapGenerator) exists; known: " + m.configMaps().keySet());
                        data.keySet().forEach(k -> assertReadable(prefix + k, where + " envFrom ConfigMap " + cm));
                    }
                    if (from.has("secretRef")) {
                        String s = from.path("secretRef").path("name").asText();
                        Map<String, String> data = m.secretTemplates().get(s);
                        assertNotNull(data, where + " loads Secret '" + s + "' with envFrom, but no Secret template "
                                + "of that name exists under k8s/; known: " + m.secretTemplates().keySet());
                        data.keySet().forEach(k -> assertReadable(prefix + k, where + " envFrom Secret " + s));
                    }
                }
            }
        }
    }

    private static void checkSecretsReferenced(Manifests m) {
        for (Doc d : m.ofKind("Deployment")) {
            for (JsonNode c : containers(d)) {
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

    private static void checkRoleSwitches(Manifests m) {
        Map<String, String> receiver = literalEnv(m.one("Deployment", RECEIVER));
        Map<String, String> ingest = literalEnv(m.one("Deployment", INGEST));
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

    private static void checkProbes(List<Doc> deployments, boolean required) {
        for (Doc d : deployments) {
            for (JsonNode c : containers(d)) {
                String where = d.where() + " container " + c.path("name").asText();
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
                        assertEquals(managementPort(), resolvePort(c, get.path("port")), where + " " + p.getKey() + " port '"
                                + get.path("port").asText() + "' is not the container's management port " + managementPort()
                                + " (declared ports: " + c.path("ports") + ")");
                    }
                }
                if (required) {
                    assertTrue(declaresPort(c, httpPort()), where + " must declare containerPort " + httpPort()
                            + " (the service's HTTP port)");
                    assertTrue(declaresPort(c, managementPort()), where + " must declare containerPort " + managementPort()
                            + " (the management port: health, metrics, admin)");
                }
            }
        }
    }

    private static void checkMetrics(Manifests m) {
        for (Doc d : m.ofKind("Deployment")) {
            JsonNode annotations = d.node().path("spec").path("template").path("metadata").path("annotations");
            if (!annotations.has("prometheus.io/scrape")) {
                continue;
            }
            String where = m.origin() + ": " + d.where() + " pod annotation ";
            assertEquals(METRICS, annotations.path("prometheus.io/path").asText(), where + "prometheus.io/path must be " + METRICS);
            assertEquals(String.valueOf(managementPort()), annotations.path("prometheus.io/port").asText(),
                    where + "prometheus.io/port must be the management port " + managementPort());
        }
    }

    private static void checkPodMonitors(List<Doc> monitors, Manifests m) {
        JsonNode receiverContainer = containerOf(m.one("Deployment", RECEIVER));
        for (Doc pm : monitors) {
            for (JsonNode ep : pm.node().path("spec").path("podMetricsEndpoints")) {
                assertEquals(METRICS, ep.path("path").asText(), pm.where() + " must scrape " + METRICS);
                assertEquals(managementPort(), resolvePort(receiverContainer, ep.path("port")),
                        pm.where() + " port '" + ep.path("port").asText() + "' is not the management port " + managementPort());
            }
        }
    }

    private static void checkServiceAndIngress(Manifests m) {
        Doc receiver = m.one("Deployment", RECEIVER);
        Doc ingest = m.one("Deployment", INGEST);
        List<Doc> services = m.ofKind("Service");
        assertEquals(1, services.size(), m.origin() + ": expected one Service (the receiver's), found "
                + services.stream().map(Doc::name).toList());
        Doc service = services.get(0);
        Map<String, String> selector = stringMap(service.node().path("spec").path("selector"));
        assertFalse(selector.isEmpty(), m.origin() + ": " + service.where() + " has no selector");
        assertTrue(podLabels(receiver).entrySet().containsAll(selector.entrySet()), m.origin() + ": " + service.where()
                + " selector " + selector + " does not select the receiver pods " + podLabels(receiver));
        assertFalse(podLabels(ingest).entrySet().containsAll(selector.entrySet()), m.origin() + ": " + service.where()
                + " selector " + selector + " also selects the ingest pods " + podLabels(ingest)
                + ": webhooks would reach consumers that do not serve them");
        for (JsonNode port : service.node().path("spec").path("ports")) {
            JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
            assertEquals(httpPort(), resolvePort(containerOf(receiver), target), m.origin() + ": " + service.where()
                    + " targetPort '" + target.asText() + "' is not the receiver's HTTP port " + httpPort()
                    + " (declared ports: " + containerOf(receiver).path("ports") + ")");
        }

        List<Doc> ingresses = m.ofKind("Ingress");
        assertEquals(1, ingresses.size(), m.origin() + ": expected one Ingress (the receiver's)");
        JsonNode spec = ingresses.get(0).node().path("spec");
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
        String nginxLimit = ingresses.get(0).node().path("metadata").path("annotations")
                .path("nginx.ingress.kubernetes.io/proxy-body-size").asText(null);
        Optional<Long> bodyLimit = setting(m, "move.webhook.max-body-size").map(ManifestConsistencyTest::memorySize);
        if (nginxLimit != null && bodyLimit.isPresent()) {
            assertTrue(memorySize(nginxLimit) >= bodyLimit.get(), m.origin() + ": Ingress proxy-body-size " + nginxLimit
                    + " is below move.webhook.max-body-size (" + bodyLimit.get() + " bytes): nginx would refuse "
                    + "batches the service accepts");
        }
    }

    private static void checkKafkaTopics(Manifests m) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(TOPIC_PREFIX)) {
                expected.put(key, setting(m, key).orElseThrow());
            }
        }
        assertEquals(4, expected.size(), "the service should have the four move.topics.* settings, found " + expected);
        // The retry setting names the prefix of the delay tiers, which are the topics that exist.
        String retry = expected.remove("move.topics.retry");
        DurationConverter durations = new DurationConverter();
        RetryTiers tiers = RetryTiers.of(retry, durations.convert(setting(m, "move.ingest.retry-delay").orElseThrow()),
                durations.convert(setting(m, "move.ingest.max-retry-delay").orElseThrow()),
                Integer.parseInt(setting(m, "move.ingest.max-attempts").orElseThrow()));
        tiers.topics().forEach(topic -> expected.put("move.topics.retry (tier " + topic + ")", topic));
        List<Doc> topics = m.ofKind("KafkaTopic");
        Set<String> names = new TreeSet<>();
        for (Doc t : topics) {
            assertEquals(STRIMZI_API, t.node().path("apiVersion").asText(), m.origin() + ": " + t.where() + " apiVersion");
            String name = t.node().path("spec").path("topicName").asText(t.name());
            names.add(name);
            assertTrue(expected.containsValue(name), m.origin() + ": " + t.where() + " creates topic '" + name
                    + "', which is none of the service's topics " + expected);
            assertTrue(t.node().path("metadata").path("labels").hasNonNull("strimzi.io/cluster"),
                    m.origin() + ": " + t.where() + " has no strimzi.io/cluster label, so no Topic Operator handles it");
            int replicas = t.node().path("spec").path("replicas").asInt();
            int minIsr = t.node().path("spec").path("config").path("min.insync.replicas").asInt(-1);
            assertEquals(3, replicas, m.origin() + ": " + t.where() + " replicas");
            assertEquals(2, minIsr, m.origin() + ": " + t.where() + " min.insync.replicas (acks=all with one broker down)");
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertTrue(names.contains(e.getValue()), m.origin() + ": no KafkaTopic for " + e.getKey() + "='" + e.getValue()
                    + "'; topics defined: " + names);
        }
        // The receiver parks unusable bodies raw on the DLQ, up to the body limit.
        Optional<Long> bodyLimit = setting(m, "move.webhook.max-body-size").map(ManifestConsistencyTest::memorySize);
        String dlq = expected.get("move.topics.dlq");
        if (bodyLimit.isPresent() && dlq != null) {
            for (Doc t : topics) {
                if (t.name().equals(dlq)) {
                    long max = t.node().path("spec").path("config").path("max.message.bytes").asLong(1048588);
                    assertTrue(max > bodyLimit.get(), m.origin() + ": " + t.where() + " max.message.bytes " + max
                            + " cannot hold a raw body of move.webhook.max-body-size (" + bodyLimit.get() + " bytes)");
                }
            }
        }
    }

    private static void checkIngestScaling(Manifests m) {
        int partitions = notificationPartitions(m);
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

    private static void checkGracefulShutdown(Manifests m) {
        Optional<String> timeout = setting(m, "quarkus.shutdown.timeout");
        assertTrue(timeout.isPresent(), m.origin() + ": QUARKUS_SHUTDOWN_TIMEOUT is not set in the ConfigMap: "
                + "without it Quarkus stops at once on SIGTERM, cutting in-flight webhooks");
        Duration shutdown = duration(timeout.get());
        for (Doc d : List.of(m.one("Deployment", RECEIVER), m.one("Deployment", INGEST))) {
            JsonNode pod = d.node().path("spec").path("template").path("spec");
            long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
            long preStop = containerOf(d).path("lifecycle").path("preStop").path("sleep").path("seconds").asLong(0);
            assertTrue(grace > shutdown.toSeconds() + preStop, m.origin() + ": " + d.where()
                    + " terminationGracePeriodSeconds " + grace + " must exceed the preStop pause (" + preStop
                    + " s) plus QUARKUS_SHUTDOWN_TIMEOUT (" + shutdown.toSeconds() + " s), or Kubernetes kills it mid-shutdown");
        }
    }

    private static void checkHardening(Manifests m) {
        for (Doc d : m.ofKind("Deployment")) {
            JsonNode pod = d.node().path("spec").path("template").path("spec");
            String where = m.origin() + ": " + d.where();
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + " pod securityContext.runAsNonRoot must be true");
            Set<String> tmpVolumes = new LinkedHashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    tmpVolumes.add(v.path("name").asText());
                }
            });
            for (JsonNode c : containers(d)) {
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

    private static void checkReferences(Manifests m) {
        Set<String> deployments = m.ofKind("Deployment").stream().map(Doc::name).collect(Collectors.toSet());
        for (Doc hpa : m.ofKind("HorizontalPodAutoscaler")) {
            String target = hpa.node().path("spec").path("scaleTargetRef").path("name").asText();
            assertTrue(deployments.contains(target), m.origin() + ": " + hpa.where() + " scales unknown Deployment '" + target + "'");
        }
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (Doc d : m.ofKind("Deployment")) {
            pods.put(d.name(), podLabels(d));
            Map<String, String> selector = stringMap(d.node().path("spec").path("selector").path("matchLabels"));
            assertTrue(podLabels(d).entrySet().containsAll(selector.entrySet()), m.origin() + ": " + d.where()
                    + " selector " + selector + " does not match its own pod labels " + podLabels(d));
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
        // Only the receiver accepts traffic from the ingress controller, on the HTTP port; both from Prometheus, on the
        // management port, which nothing else may reach: /admin is for kubectl port-forward.
        Map<String, Set<Integer>> admitted = Map.of(RECEIVER, Set.of(httpPort(), managementPort()), INGEST, Set.of(managementPort()));
        for (Doc np : m.ofKind("NetworkPolicy")) {
            Set<Integer> ports = new TreeSet<>();
            for (JsonNode rule : np.node().path("spec").path("ingress")) {
                Set<Integer> rulePorts = new TreeSet<>();
                rule.path("ports").forEach(p -> rulePorts.add(p.path("port").asInt()));
                ports.addAll(rulePorts);
                if (rulePorts.contains(managementPort())) {
                    for (JsonNode peer : rule.path("from")) {
                        assertEquals("monitoring", peer.path("namespaceSelector").path("matchLabels")
                                .path("kubernetes.io/metadata.name").asText(), m.origin() + ": " + np.where()
                                + " admits " + peer + " to the management port " + managementPort() + ": only Prometheus may scrape it");
                    }
                }
            }
            assertEquals(admitted.get(np.name()), ports, m.origin() + ": " + np.where() + " must admit exactly the ports "
                    + admitted.get(np.name()) + " (HTTP " + httpPort() + ", management " + managementPort() + ")");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What the service reads
    // ---------------------------------------------------------------------------------------------

    private static void assertReadable(String env, String where) {
        if (readableEnv.contains(env) || NON_APP_ALLOWED.contains(env)) {
            return;
        }
        if (env.startsWith("QUARKUS_")) {
            assertTrue(QUARKUS_RUNTIME_ALLOWED.contains(env) || QUARKUS_TUNABLE_PREFIXES.stream().anyMatch(env::startsWith),
                    where + " sets " + env
                    + ": a Quarkus property the application does not set in application.properties and that is not on "
                    + "the allow-list " + QUARKUS_RUNTIME_ALLOWED + " / " + QUARKUS_TUNABLE_PREFIXES + "*; add it to "
                    + "application.properties (or the allow-list in this test) if the service really relies on it");
            return;
        }
        for (String prefix : readableEnvPrefixes) {
            if (env.startsWith(prefix + "_")) {
                return;
            }
        }
        fail(where + " sets " + env + ", which the service does not read: no such property in application.properties "
                + "or in a @ConfigMapping/@ConfigProperty (typo, or a setting that was renamed?). Known: " + readableEnv);
    }

    /** The value the service sees for a property: the ConfigMaps' env override, else application.properties. */
    private static Optional<String> setting(Manifests m, String property) {
        String env = toEnv(property);
        for (Map<String, String> cm : m.configMaps().values()) {
            if (cm.containsKey(env)) {
                return Optional.of(cm.get(env));
            }
        }
        return Optional.ofNullable(properties.getProperty(property));
    }

    private static int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    private static int managementPort() {
        return Integer.parseInt(properties.getProperty("quarkus.management.port", "9000"));
    }

    private static int notificationPartitions(Manifests m) {
        String topic = setting(m, NOTIFICATIONS_TOPIC_KEY).orElseThrow(
                () -> new AssertionError(NOTIFICATIONS_TOPIC_KEY + " missing from application.properties"));
        for (Doc t : m.ofKind("KafkaTopic")) {
            if (t.node().path("spec").path("topicName").asText(t.name()).equals(topic)) {
                int partitions = t.node().path("spec").path("partitions").asInt();
                assertTrue(partitions > 0, m.origin() + ": " + t.where() + " has no partitions");
                return partitions;
            }
        }
        throw new AssertionError(m.origin() + ": no KafkaTopic for " + NOTIFICATIONS_TOPIC_KEY + "='" + topic + "'");
    }

    private static String stripProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    /** MicroProfile Config's environment form: upper case, every non-alphanumeric character to '_'. */
    static String toEnv(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Every @ConfigMapping interface under src/main/java, walked by reflection like SmallRye does. */
    private static void collectConfigMappings() throws Exception {
        Pattern pkg = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
        for (Path src : javaSources()) {
            String text = Files.readString(src);
            if (!text.contains("@ConfigMapping")) {
                continue;
            }
            Matcher p = pkg.matcher(text);
            String simple = src.getFileName().toString().replace(".java", "");
            String fqcn = (p.find() ? p.group(1) + "." : "") + simple;
            collectMappingsIn(Class.forName(fqcn));
        }
    }

    /** The class itself and its nested classes: a mapping may be declared inside another type. */
    private static void collectMappingsIn(Class<?> type) {
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping != null) {
            collectMapping(type, mapping.prefix(), new LinkedHashSet<>());
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectMappingsIn(nested);
        }
    }

    private static void collectMapping(Class<?> type, String prefix, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key;
            if (m.isAnnotationPresent(WithParentName.class)) {
                key = prefix;
            } else {
                WithName named = m.getAnnotation(WithName.class);
                String name = named != null ? named.value() : kebab(m.getName());
                key = prefix.isEmpty() ? name : prefix + "." + name;
            }
            Type t = m.getGenericReturnType();
            Class<?> raw = rawType(t);
            if (raw == Optional.class) {
                t = typeArgument(t, 0);
                raw = rawType(t);
            }
            if (Map.class.isAssignableFrom(raw)) {
                readableEnvPrefixes.add(toEnv(key));
            } else if (Collection.class.isAssignableFrom(raw) && isGroup(rawType(typeArgument(t, 0)))) {
                readableEnvPrefixes.add(toEnv(key));
            } else if (isGroup(raw)) {
                collectMapping(raw, key, seen);
            } else {
                readableEnv.add(toEnv(key));
            }
        }
    }

    private static boolean isGroup(Class<?> c) {
        return c.isInterface() && !c.getName().startsWith("java.");
    }

    private static Class<?> rawType(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** @ConfigProperty(name = "...") injections, for settings read outside a mapping. */
    private static void collectConfigProperties() throws IOException {
        Pattern p = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
        for (Path src : javaSources()) {
            Matcher m = p.matcher(Files.readString(src));
            while (m.find()) {
                readableEnv.add(toEnv(m.group(1)));
            }
        }
    }

    private static List<Path> javaSources() throws IOException {
        if (!Files.isDirectory(MAIN_JAVA)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(MAIN_JAVA)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the manifests
    // ---------------------------------------------------------------------------------------------

    private static List<Doc> loadAllYaml() throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(K8S)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                docs.addAll(readYaml(f));
            }
        }
        return docs;
    }

    private static List<Doc> readYaml(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try {
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile());
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(new Doc(file, n));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(ROOT.relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    private static JsonNode readSingle(Path file) throws IOException {
        List<Doc> docs = readYaml(file);
        assertEquals(1, docs.size(), ROOT.relativize(file) + " should hold one YAML document");
        return docs.get(0).node();
    }

    private static List<Path> kustomizationsUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    /** The base as kustomize would assemble it, without kustomize: resources, generators, templates. */
    private static Manifests loadBase() throws IOException {
        List<Doc> docs = new ArrayList<>();
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        collectKustomization(BASE, docs, configMaps);
        for (Doc d : docs) {
            if (d.kind().equals("ConfigMap")) {
                configMaps.put(d.name(), stringMap(d.node().path("data")));
            }
        }
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Doc d : allDocs) {
            if (d.kind().equals("Secret")) {
                secrets.put(d.name(), secretValues(d));
            }
        }
        for (Path k : kustomizationsUnder(K8S)) {
            for (JsonNode gen : readSingle(k).path("secretGenerator")) {
                secrets.computeIfAbsent(gen.path("name").asText(), n -> new LinkedHashMap<>())
                        .putAll(generatorValues(k.getParent(), gen));
            }
        }
        return new Manifests("k8s/base", docs, configMaps, secrets);
    }

    private static void collectKustomization(Path dir, List<Doc> docs, Map<String, Map<String, String>> configMaps)
            throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(file), ROOT.relativize(dir) + " has no kustomization.yaml");
        JsonNode k = readSingle(file);
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            assertTrue(Files.exists(p), ROOT.relativize(file) + " lists missing resource " + r.asText());
            if (Files.isDirectory(p)) {
                collectKustomization(p, docs, configMaps);
            } else {
                docs.addAll(readYaml(p));
            }
        }
        for (JsonNode gen : k.path("configMapGenerator")) {
            configMaps.computeIfAbsent(gen.path("name").asText(), n -> new LinkedHashMap<>())
                    .putAll(generatorValues(dir, gen));
        }
    }

    /** Key/values of a configMapGenerator or secretGenerator entry (literals and env files). */
    private static Map<String, String> generatorValues(Path dir, JsonNode gen) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode lit : gen.path("literals")) {
            String s = lit.asText();
            int eq = s.indexOf('=');
            values.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        for (JsonNode env : gen.path("envs")) {
            Path f = dir.resolve(env.asText());
            assertTrue(Files.isRegularFile(f), "generator " + gen.path("name").asText() + " reads missing file " + f);
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                values.put(eq < 0 ? l : l.substring(0, eq).strip(), eq < 0 ? "" : l.substring(eq + 1));
            }
        }
        for (JsonNode fileEntry : gen.path("files")) {
            String s = fileEntry.asText();
            int eq = s.indexOf('=');
            Path f = dir.resolve(eq < 0 ? s : s.substring(eq + 1));
            String key = eq < 0 ? f.getFileName().toString() : s.substring(0, eq);
            values.put(key, Files.isRegularFile(f) ? Files.readString(f) : "");
        }
        return values;
    }

    private static Map<String, String> secretValues(Doc secret) {
        Map<String, String> values = new LinkedHashMap<>(stringMap(secret.node().path("stringData")));
        secret.node().path("data").fields().forEachRemaining(e -> {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                decoded = e.getValue().asText();
            }
            values.put(e.getKey(), decoded);
        });
        return values;
    }

    private static void assertPlaceholder(String value, String where) {
        for (String part : value.split(",")) {
            assertTrue(part.isBlank() || PLACEHOLDER.matcher(part).matches(), where + " holds '" + part.strip()
                    .replaceAll("(?<=.{3}).", "*") + "', which is not an obvious placeholder (CHANGE_ME, <...>): "
                    + "no real secret may be committed");
        }
    }

    private static List<Doc> kustomize(Path kubectl, Path dir) throws Exception {
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectErrorStream(false)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize did not finish in 120 s");
            assertEquals(0, p.exitValue(), "kubectl kustomize " + ROOT.relativize(dir) + " failed: " + err);
            return readYaml(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // Small helpers over Kubernetes objects
    // ---------------------------------------------------------------------------------------------

    private static List<JsonNode> containers(Doc deployment) {
        List<JsonNode> list = new ArrayList<>();
        deployment.node().path("spec").path("template").path("spec").path("containers").forEach(list::add);
        return list;
    }

    private static JsonNode containerOf(Doc deployment) {
        List<JsonNode> c = containers(deployment);
        assertEquals(1, c.size(), deployment.where() + " should have exactly one container");
        return c.get(0);
    }

    private static Map<String, String> podLabels(Doc deployment) {
        return stringMap(deployment.node().path("spec").path("template").path("metadata").path("labels"));
    }

    private static Map<String, String> literalEnv(Doc deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        containerOf(deployment).path("env").forEach(e -> {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return env;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** A probe/Service port (number or name) resolved against the container's declared ports; -1 if none. */
    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            int n = port.asInt();
            return declaresPort(container, n) ? n : -1;
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static boolean declaresPort(JsonNode container, int port) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("containerPort").asInt() == port) {
                return true;
            }
        }
        return false;
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

    private static String imageName(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    /** Quarkus duration syntax: "30s", "1m", "500ms", a bare number of seconds, or ISO-8601. */
    private static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return Duration.parse(value.strip());
    }

    /** Quarkus MemorySize / nginx size syntax: "4M", "4m", "512k", "1G", or bytes. */
    private static long memorySize(String value) {
        Matcher m = Pattern.compile("(?i)(\\d+)\\s*([kmgt])?b?").matcher(value.strip());
        assertTrue(m.matches(), "not a size: " + value);
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            case "t" -> n << 40;
            default -> n;
        };
    }
}
