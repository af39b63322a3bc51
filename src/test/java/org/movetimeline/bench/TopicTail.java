package org.movetimeline.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a whole topic from its beginning, then whatever arrives, without a consumer group (nothing committed, no
 * rebalance, invisible to the service's groups). Each {@link #catchUp} reads up to the end the partitions have at
 * that moment, and picks up partitions added since. Committed records only. Not thread-safe.
 */
final class TopicTail implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long records;

    TopicTail(String bootstrap, String topic) {
        this.topic = topic;
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    String topic() {
        return topic;
    }

    /** Records read so far. */
    long records() {
        return records;
    }

    /**
     * Hands every record up to the partitions' current end to {@code sink}; returns how many it read this time.
     * Stops early, with what it has, when {@code within} has passed (the broker is not answering).
     */
    long catchUp(Consumer<ConsumerRecord<byte[], byte[]>> sink, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<TopicPartition> added = new ArrayList<>();
        consumer.partitionsFor(topic, within).forEach(p -> {
            TopicPartition partition = new TopicPartition(topic, p.partition());
            if (assigned.add(partition)) {
                added.add(partition);
            }
        });
        if (assigned.isEmpty()) {
            return 0; // the topic does not exist (yet)
        }
        if (!added.isEmpty()) {
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, within);
        long read = 0;
        while (System.nanoTime() < deadline && !reached(ends)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                sink.accept(record);
                read++;
            }
        }
        records += read;
        return read;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
