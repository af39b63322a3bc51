package org.movetimeline.admin;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.movetimeline.topics.ConsumerSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of a DLQ nobody has dealt with yet: from the replay group's committed offsets (where the last replay
 * stopped; the oldest record if none has run) to the end of the topic as it is when the cursor opens. A summary
 * reads it and leaves the offsets alone; a replay commits them past what it has dealt with.
 */
final class DlqCursor implements AutoCloseable {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> end;

    /** @param group the consumer group whose committed offsets are the cursor (one per DLQ) */
    DlqCursor(Map<String, Object> kafkaConfig, String topic, String group) {
        consumer = new KafkaConsumer<>(ConsumerSettings.forGroup(kafkaConfig, group));
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Hands the records up to the end to {@code batch}, one poll at a time, until the end or {@code timeLimit}.
     *
     * @return how many records are left unread: time ran out before them
     */
    long forEachBatch(Duration timeLimit, Consumer<List<ConsumerRecord<String, byte[]>>> batch) {
        long deadline = System.nanoTime() + timeLimit.toNanos();
        while (!atEnd() && System.nanoTime() < deadline) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record); // later ones arrived after the cursor opened: the next call's business
                }
            }
            consumer.pause(end.keySet().stream().filter(p -> position(p) >= end.get(p)).toList());
            if (!records.isEmpty()) {
                batch.accept(records);
            }
        }
        return end.keySet().stream().mapToLong(p -> Math.max(0, end.get(p) - position(p))).sum();
    }

    /** Moves the cursor past every record handed out so far. */
    void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        end.forEach((partition, endOffset) -> offsets.put(partition, new OffsetAndMetadata(Math.min(position(partition), endOffset))));
        consumer.commitSync(offsets, KAFKA_TIMEOUT);
    }

    private boolean atEnd() {
        return end.keySet().stream().allMatch(p -> position(p) >= end.get(p));
    }

    private long position(TopicPartition partition) {
        return consumer.position(partition, KAFKA_TIMEOUT);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
