package org.movetimeline.topics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class AdminSettingsTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"move\" password=\"secret\";";

    /** What default-kafka-broker holds for a SASL_SSL cluster: connection settings and producer/consumer ones. */
    static final Map<String, Object> KAFKA_CONFIG = Map.of(
            "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", JAAS,
            "ssl.truststore.location", "/etc/kafka/truststore.p12",
            "ssl.truststore.password", "changeit",
            "client.dns.lookup", "use_all_dns_ips",
            "acks", "all",
            "linger.ms", "5",
            "group.id", "move-timeline-ingest");

    @Test
    void adminClientsTakeEveryConnectionAndSecuritySettingAndNothingElse() {
        assertEquals(Map.of(
                "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "ssl.truststore.password", "changeit",
                "client.dns.lookup", "use_all_dns_ips"), AdminSettings.from(KAFKA_CONFIG));
    }

    @Test
    void quarkusTlsRegistryNameStaysWithTheEngineFactoryThatReadsIt() {
        Map<String, Object> props = AdminSettings.from(Map.of(
                "bootstrap.servers", "kafka:9093",
                "tls-configuration-name", "kafka",
                "ssl.engine.factory.class", "io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory"));
        assertEquals("kafka", props.get("tls-configuration-name"));
        assertEquals("io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory", props.get("ssl.engine.factory.class"));
    }

    @Test
    void readinessCheckConnectsLikeTheProducerWithProbeTimeouts() {
        Map<String, Object> props = KafkaReadinessCheck.adminProperties(KAFKA_CONFIG);
        assertEquals("kafka-1:9093,kafka-2:9093", props.get("bootstrap.servers"));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals(JAAS, props.get("sasl.jaas.config"));
        assertEquals("/etc/kafka/truststore.p12", props.get("ssl.truststore.location"));
        assertEquals(3000, props.get("request.timeout.ms"));
        assertFalse(props.containsKey("acks"));
        assertFalse(props.containsKey("group.id"));
    }
}
