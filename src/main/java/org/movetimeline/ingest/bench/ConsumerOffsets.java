package org.movetimeline.ingest.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a consumer group to the end of a topic. The receiver phases leave millions of notifications that
 * only measure the receiver; skipping them lets the end-to-end phase time exactly the items it sends.
 */
final class ConsumerOffsets {

    private ConsumerOffsets() {
    }

    static long skipToEnd(String bootstrap, String group, String topic) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            ends.forEach((partition, end) -> commit.put(partition, new OffsetAndMetadata(end)));
            consumer.assign(partitions);
            consumer.commitSync(commit, Duration.ofSeconds(30));
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
