package org.movetimeline.topics;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Admin clients reach the brokers the way the producer does: every connection and security setting
 * (security.protocol, sasl.*, ssl.*, client.dns.lookup ...) of {@code default-kafka-broker}, and nothing
 * an admin client does not know (acks, group.id ...), which it would only warn about.
 */
public final class AdminSettings {

    private AdminSettings() {
    }

    public static Map<String, Object> from(Map<String, Object> kafkaConfig) {
        Set<String> adminKeys = AdminClientConfig.configNames();
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            // Not a Kafka setting, but Quarkus's TLS-registry engine factory reads it from the client's properties.
            if (adminKeys.contains(key) || key.equals(KafkaRuntimeConfigProducer.TLS_CONFIG_NAME_KEY)) {
                props.put(key, value);
            }
        });
        return props;
    }
}
