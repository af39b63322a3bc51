package org.movetimeline.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consumer group's place on a topic. bench/run moves the group to the end: the receiver phases leave millions of
 * notifications that only measure the receiver; skipping them lets the end-to-end phase time exactly the items it
 * sends. bench/chaos reads how far behind the group is when the soak ends.
 */
final class ConsumerOffsets {

    private ConsumerOffsets() {
    }

    /**
     * Records of {@code topic} the group has not committed yet (a partition without a committed offset counts from
     * its beginning). Reads the committed offsets only: the group is not joined, its members are not disturbed.
     */
    static long lag(String bootstrap, String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, group)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), Duration.ofSeconds(30));
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                lag += ends.get(partition) - (done == null ? begins.get(partition) : done.offset());
            }
            return lag;
        }
    }

    /** Records on {@code topic} now (end minus beginning of every partition); 0 if it does not exist. */
    static long records(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).entrySet().stream()
                    .mapToLong(end -> end.getValue() - begins.get(end.getKey())).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
        Map<String, Object> props = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
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
