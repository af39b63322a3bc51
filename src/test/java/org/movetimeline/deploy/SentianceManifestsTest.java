package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.deploy.Manifests.Doc;
import org.movetimeline.ingest.RetryTiers;
import org.movetimeline.testsupport.ConfigDefaults;
import org.movetimeline.testsupport.ConfigDefaults.Setting;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.movetimeline.deploy.KafkaTopicManifestsTest.MOVE;
import static org.movetimeline.deploy.KafkaTopicManifestsTest.SENTIANCE;
import static org.movetimeline.deploy.Manifests.INGEST;
import static org.movetimeline.deploy.Manifests.RECEIVER;

/**
 * Sentiance is off unless the overlay lists k8s/components/sentiance: without it no Sentiance topic, variable or
 * Firehose route; with it the topics sized like MOVE's, each role's own secret (optional, so the pods start before
 * the keys exist), the Firehose route to the receiver and a way out to Sentiance's API for the ingest role.
 */
class SentianceManifestsTest {

    private static final String ENV_PREFIX = "SENTIANCE_";
    private static final String FIREHOSE_PATH = "/webhooks/sentiance/firehose";
    private static final String CREDENTIALS = "SENTIANCE_WEBHOOK_CREDENTIALS";
    private static final String API_KEYS = "SENTIANCE_API_KEYS";

    /** The MOVE topic in the same place of the pipeline as each Sentiance one (retry tiers aside). */
    private static final Map<String, String> COUNTERPARTS = Map.of(
            "sentiance.topics.messages", "move.topics.notifications",
            "sentiance.topics.transports", "move.topics.items",
            "sentiance.topics.dlq", "move.topics.dlq");

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#baseAndProduction")
    void withoutTheComponentNothingOfSentianceIsThere(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Set<String> sentianceTopics = Set.copyOf(KafkaTopicManifestsTest.topicsOf(m, settings, SENTIANCE).values());
        for (Doc t : m.ofKind("KafkaTopic")) {
            String name = KafkaTopicManifestsTest.topicName(t);
            assertFalse(sentianceTopics.contains(name) || name.startsWith(SENTIANCE + "."), m.origin() + ": " + t.where()
                    + " is a Sentiance topic; they belong in " + Manifests.SENTIANCE + " alone");
        }
        sentianceVariables(m, (where, name) -> fail(m.origin() + ": " + where + " sets " + name
                + "; a deployment that only uses MOVE must see no Sentiance setting"));
        assertEquals(List.of(), firehosePaths(m), m.origin() + ": the Ingress routes the Firehose without the component");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void everySentianceVariableIsASettingOfSentianceConfig(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Set<String> known = ConfigDefaults.of(SentianceConfig.class).stream().map(Setting::variable).collect(Collectors.toSet());
        List<String> used = new ArrayList<>();
        sentianceVariables(m, (where, name) -> {
            used.add(name);
            assertTrue(known.contains(name), m.origin() + ": " + where + " sets " + name + ", no setting of SentianceConfig "
                    + "(typo, or a renamed setting?); its settings: " + known);
        });
        assertTrue(used.containsAll(List.of(CREDENTIALS, API_KEYS)), m.origin() + ": the component should hand the service "
                + CREDENTIALS + " and " + API_KEYS + ", found " + used);
    }

    /** Each role gets the one secret it uses, from the Secret and optional: without the key that part stays off. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void eachRoleReadsItsOwnSentianceSecretOptionally(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Map<String, String> owner = Map.of(CREDENTIALS, RECEIVER, API_KEYS, INGEST);
        for (String role : List.of(RECEIVER, INGEST)) {
            Doc d = m.one("Deployment", role);
            for (Map.Entry<String, String> secret : owner.entrySet()) {
                Optional<JsonNode> env = env(d, secret.getKey());
                if (!secret.getValue().equals(role)) {
                    assertTrue(env.isEmpty(), m.origin() + ": " + d.where() + " gets " + secret.getKey()
                            + ", which only the " + secret.getValue() + " uses");
                    continue;
                }
                assertTrue(env.isPresent(), m.origin() + ": " + d.where() + " lacks " + secret.getKey());
                JsonNode ref = env.get().path("valueFrom").path("secretKeyRef");
                assertEquals(secret.getKey(), ref.path("key").asText(), m.origin() + ": " + d.where() + " "
                        + secret.getKey() + " should come from the Secret key of that name");
                assertTrue(ref.path("optional").asBoolean(), m.origin() + ": " + d.where() + " " + secret.getKey()
                        + " must be optional: a pod must start (Sentiance off) before the key is in the Secret");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void theIngressRoutesTheFirehoseOfEveryAppToTheReceiver(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        List<JsonNode> paths = firehosePaths(m);
        assertEquals(1, paths.size(), m.origin() + ": expected one Ingress path for " + FIREHOSE_PATH + "/{appId}");
        JsonNode path = paths.get(0);
        assertEquals("Prefix", path.path("pathType").asText(), m.origin() + ": the Firehose path must be a Prefix, "
                + "the app id follows it");
        assertEquals(RECEIVER, path.path("backend").path("service").path("name").asText(),
                m.origin() + ": the Firehose must reach the receiver Service");
    }

    /** Same partitions, replicas and retention as the MOVE topic in the same place of the pipeline. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void sentianceTopicsAreSizedLikeTheirMoveCounterparts(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Map<String, String> moveByKey = KafkaTopicManifestsTest.topicsOf(m, settings, MOVE);
        Map<String, String> sentianceByKey = KafkaTopicManifestsTest.topicsOf(m, settings, SENTIANCE);
        List<String> moveTiers = tierTopics(m, MOVE);
        List<String> sentianceTiers = tierTopics(m, SENTIANCE);
        for (Map.Entry<String, String> e : sentianceByKey.entrySet()) {
            // A tier's counterpart is MOVE's tier of the same rank (its longest when Sentiance has more).
            String counterpart = COUNTERPARTS.containsKey(e.getKey()) ? moveByKey.get(COUNTERPARTS.get(e.getKey()))
                    : moveTiers.get(Math.min(sentianceTiers.indexOf(e.getValue()), moveTiers.size() - 1));
            JsonNode s = topic(m, e.getValue()).node().path("spec");
            JsonNode c = topic(m, counterpart).node().path("spec");
            for (String field : List.of("partitions", "replicas", "config/retention.ms", "config/min.insync.replicas")) {
                String pointer = "/" + field;
                assertEquals(c.at(pointer).asText(), s.at(pointer).asText(), m.origin() + ": KafkaTopic " + e.getValue()
                        + " " + field + " differs from its MOVE counterpart " + counterpart);
            }
        }
        // A record on the messages topic or the DLQ can be as large as a body the receiver accepts.
        long bodyLimit = ServiceSettings.memorySize(settings.setting(m, "move.webhook.max-body-size").orElseThrow());
        for (String key : List.of("sentiance.topics.messages", "sentiance.topics.dlq")) {
            long max = topic(m, sentianceByKey.get(key)).node().path("spec").path("config").path("max.message.bytes").asLong(1048588);
            assertTrue(max > bodyLimit, m.origin() + ": KafkaTopic " + sentianceByKey.get(key) + " max.message.bytes " + max
                    + " cannot hold a record as large as move.webhook.max-body-size (" + bodyLimit + " bytes)");
        }
    }

    /** The tiers the code derives from SentianceConfig's defaults, which the component does not change. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void theRetryTiersAreThoseOfTheDefaults(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Map<String, String> defaults = ConfigDefaults.of(SentianceConfig.class).stream()
                .filter(s -> s.defaultValue().isPresent())
                .collect(Collectors.toMap(Setting::property, s -> s.defaultValue().get()));
        RetryTiers tiers = RetryTiers.of(defaults.get("sentiance.topics.retry"),
                ServiceSettings.duration(defaults.get("sentiance.ingest.retry-delay")),
                ServiceSettings.duration(defaults.get("sentiance.ingest.max-retry-delay")),
                Integer.parseInt(defaults.get("sentiance.ingest.max-attempts")));
        String prefix = defaults.get("sentiance.topics.retry") + ".";
        List<String> rendered = m.ofKind("KafkaTopic").stream().map(KafkaTopicManifestsTest::topicName)
                .filter(n -> n.startsWith(prefix)).sorted((a, b) -> delay(a, prefix).compareTo(delay(b, prefix))).toList();
        assertEquals(tiers.topics(), rendered, m.origin() + ": the Sentiance retry tiers");
    }

    /** The consumer calls Sentiance's API: the ingest NetworkPolicy must let it out to a public address on its port. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#withSentiance")
    void theIngestRoleMayReachSentiancesApi(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        URI api = URI.create(settings.setting(m, "sentiance.api.base-url").orElseThrow());
        assertEquals("https", api.getScheme(), m.origin() + ": SENTIANCE_API_BASE_URL " + api + " is not HTTPS");
        int port = api.getPort() < 0 ? 443 : api.getPort();
        boolean allowed = false;
        for (JsonNode rule : m.one("NetworkPolicy", INGEST).node().path("spec").path("egress")) {
            boolean ports = false;
            for (JsonNode p : rule.path("ports")) {
                ports |= p.path("port").asInt() == port;
            }
            boolean publicAddresses = false;
            for (JsonNode to : rule.path("to")) {
                publicAddresses |= to.path("ipBlock").path("cidr").asText().equals("0.0.0.0/0");
            }
            allowed |= ports && publicAddresses;
        }
        assertTrue(allowed, m.origin() + ": NetworkPolicy ingest has no egress rule to public addresses on port " + port
                + ", so the consumer cannot reach " + api);
    }

    /** Every SENTIANCE_* a Deployment sets (env, envFrom ConfigMaps), named by where it is set. */
    private static void sentianceVariables(Manifests m, BiConsumer<String, String> each) {
        for (Doc d : m.ofKind("Deployment")) {
            for (JsonNode c : d.containers()) {
                for (JsonNode e : c.path("env")) {
                    String name = e.path("name").asText();
                    if (name.startsWith(ENV_PREFIX)) {
                        each.accept(d.where() + " env", name);
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    String cm = from.path("configMapRef").path("name").asText(null);
                    Map<String, String> data = cm == null ? null : m.configMap(cm);
                    if (data != null) {
                        data.keySet().stream().map(k -> from.path("prefix").asText("") + k).filter(k -> k.startsWith(ENV_PREFIX))
                                .forEach(k -> each.accept(d.where() + " envFrom ConfigMap " + cm, k));
                    }
                }
            }
        }
    }

    private List<String> tierTopics(Manifests m, String source) {
        String retry = settings.setting(m, source + ".topics.retry").orElseThrow();
        return KafkaTopicManifestsTest.tiers(m, settings, source, retry).topics();
    }

    private static List<JsonNode> firehosePaths(Manifests m) {
        List<JsonNode> paths = new ArrayList<>();
        Consumer<JsonNode> add = p -> {
            if (p.path("path").asText().startsWith("/webhooks/sentiance")) {
                paths.add(p);
            }
        };
        for (Doc ingress : m.ofKind("Ingress")) {
            for (JsonNode rule : ingress.node().path("spec").path("rules")) {
                rule.path("http").path("paths").forEach(add);
            }
        }
        return paths;
    }

    private static Optional<JsonNode> env(Doc d, String name) {
        for (JsonNode e : d.container().path("env")) {
            if (e.path("name").asText().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static Doc topic(Manifests m, String name) {
        List<Doc> found = m.ofKind("KafkaTopic").stream().filter(t -> KafkaTopicManifestsTest.topicName(t).equals(name)).toList();
        assertEquals(1, found.size(), m.origin() + ": expected one KafkaTopic " + name);
        return found.get(0);
    }

    private static Duration delay(String tier, String prefix) {
        return ServiceSettings.duration(tier.substring(prefix.length()));
    }
}
