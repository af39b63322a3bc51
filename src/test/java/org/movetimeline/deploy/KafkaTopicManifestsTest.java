package org.movetimeline.deploy;

import io.quarkus.runtime.configuration.DurationConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movetimeline.deploy.Manifests.Doc;
import org.movetimeline.ingest.RetryTiers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Strimzi KafkaTopics are exactly the service's topics: the move.topics.* settings and their retry delay tiers,
 * and with the Sentiance component (only then) the sentiance.topics.* settings and theirs.
 */
class KafkaTopicManifestsTest {

    static final String MOVE = "move";
    static final String SENTIANCE = "sentiance";
    private static final String NOTIFICATIONS_TOPIC_KEY = "move.topics.notifications";
    private static final String STRIMZI_API = "kafka.strimzi.io/v1beta2";

    private final ServiceSettings settings = ServiceSettings.read();

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void kafkaTopicsAreTheConfiguredTopics(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Map<String, String> expected = topicsOf(m, settings, MOVE);
        if (m.includes(Manifests.SENTIANCE)) {
            expected.putAll(topicsOf(m, settings, SENTIANCE));
        }
        Set<String> names = new TreeSet<>();
        for (Doc t : m.ofKind("KafkaTopic")) {
            assertEquals(STRIMZI_API, t.node().path("apiVersion").asText(), m.origin() + ": " + t.where() + " apiVersion");
            String name = topicName(t);
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
    }

    /** The receiver parks unusable bodies raw on the DLQ, up to the body limit. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.movetimeline.deploy.Manifests#renderings")
    void theDlqTopicHoldsTheLargestBodyTheReceiverAccepts(String kustomization) {
        Manifests m = Manifests.of(kustomization);
        Optional<Long> bodyLimit = settings.setting(m, "move.webhook.max-body-size").map(ServiceSettings::memorySize);
        String dlq = topicsOf(m, settings, MOVE).get("move.topics.dlq");
        if (bodyLimit.isPresent() && dlq != null) {
            for (Doc t : m.ofKind("KafkaTopic")) {
                if (t.name().equals(dlq)) {
                    long max = t.node().path("spec").path("config").path("max.message.bytes").asLong(1048588);
                    assertTrue(max > bodyLimit.get(), m.origin() + ": " + t.where() + " max.message.bytes " + max
                            + " cannot hold a raw body of move.webhook.max-body-size (" + bodyLimit.get() + " bytes)");
                }
            }
        }
    }

    /** The partitions of the notifications topic, which bound the ingest consumers. */
    static int notificationPartitions(Manifests m, ServiceSettings settings) {
        String topic = settings.setting(m, NOTIFICATIONS_TOPIC_KEY).orElseThrow(
                () -> new AssertionError(NOTIFICATIONS_TOPIC_KEY + " missing from application.properties"));
        for (Doc t : m.ofKind("KafkaTopic")) {
            if (topicName(t).equals(topic)) {
                int partitions = t.node().path("spec").path("partitions").asInt();
                assertTrue(partitions > 0, m.origin() + ": " + t.where() + " has no partitions");
                return partitions;
            }
        }
        throw new AssertionError(m.origin() + ": no KafkaTopic for " + NOTIFICATIONS_TOPIC_KEY + "='" + topic + "'");
    }

    /**
     * A source's topics ({@code move} or {@code sentiance}): setting (or retry tier) to topic name, as the service
     * sees them with these manifests' ConfigMaps; the tiers in order, shortest delay first.
     */
    static Map<String, String> topicsOf(Manifests m, ServiceSettings settings, String source) {
        String topics = source + ".topics.";
        Map<String, String> expected = new LinkedHashMap<>();
        for (String key : settings.propertyNames()) {
            if (key.startsWith(topics)) {
                expected.put(key, settings.setting(m, key).orElseThrow());
            }
        }
        assertEquals(4, expected.size(), "the service should have four " + topics + "* settings, found " + expected);
        // The retry setting names the prefix of the delay tiers, which are the topics that exist.
        String retry = expected.remove(topics + "retry");
        tiers(m, settings, source, retry).topics().forEach(topic -> expected.put(topics + "retry (tier " + topic + ")", topic));
        return expected;
    }

    /** The retry tiers of a source's {@code <source>.ingest.*} settings as these manifests leave them. */
    static RetryTiers tiers(Manifests m, ServiceSettings settings, String source, String retryTopic) {
        DurationConverter durations = new DurationConverter();
        String ingest = source + ".ingest.";
        return RetryTiers.of(retryTopic, durations.convert(settings.setting(m, ingest + "retry-delay").orElseThrow()),
                durations.convert(settings.setting(m, ingest + "max-retry-delay").orElseThrow()),
                Integer.parseInt(settings.setting(m, ingest + "max-attempts").orElseThrow()));
    }

    static String topicName(Doc topic) {
        return topic.node().path("spec").path("topicName").asText(topic.name());
    }
}
