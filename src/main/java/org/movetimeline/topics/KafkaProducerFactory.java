package org.movetimeline.topics;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.SentianceConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The one producer of the process: durable (acks=all, idempotent) for every topic it writes. */
@ApplicationScoped
public class KafkaProducerFactory {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MoveConfig config;
    @Inject
    SentianceConfig sentiance;

    @Produces
    @ApplicationScoped
    Producer<String, byte[]> producer() {
        NativeLz4.load();
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A short linger lets one webhook batch travel in a few produce requests instead of a thousand.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A signed (or authenticated) body that is not JSON goes to the DLQ whole, so a record may be as large as the
        // body limit, or a Firehose body's inflated limit.
        long largestBody = Math.max(config.webhook().maxBodySize().asLongValue(),
                sentiance.webhook().maxInflatedSize().asLongValue());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, largestBody + 64 * 1024));
        // send() must not hold a request thread longer than MOVE's batch is allowed to wait.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.webhook().publishTimeout().toMillis());
        return new KafkaProducer<>(props);
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(10));
    }
}
