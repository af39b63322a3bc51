package org.movetimeline.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retry tier topics ({@code move.timeline.notifications.retry.<delay>}) seen from outside the service:
 * every record on them is one item the ingest side failed and scheduled again, keyed {@code projectId:userId},
 * so counting records by key prefix tells which project's items were retried, something the service's
 * {@code move_ingest_items_retried_total} (one counter for all projects) does not.
 */
final class RetryTopics {

    static final String PREFIX = "move.timeline.notifications.retry";

    private final String bootstrap;

    RetryTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Where each retry partition ends now; {@link #retriesSince} counts what comes after. */
    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer), Duration.ofSeconds(30));
        }
    }

    /** The topics themselves, so a phase can move the consumer group past the retries of earlier phases. */
    List<String> topics() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.listTopics(Duration.ofSeconds(30)).keySet().stream().filter(t -> t.startsWith(PREFIX))
                    .sorted().toList();
        }
    }

    /**
     * Records per project written since {@code from}; a partition absent from it (a tier created
     * since) counts from 0.
     */
    Map<Integer, Long> retriesSince(Map<TopicPartition, Long> from) {
        Map<Integer, Long> byProject = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            ends.entrySet().removeIf(e -> from.getOrDefault(e.getKey(), 0L) >= e.getValue());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!ends.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byProject.merge(projectOf(record.key()), 1L, Long::sum);
                }
                ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return byProject;
    }

    /** The projectId before the first ':' of a key; -1 for a key without one (not written by the service). */
    static int projectOf(byte[] key) {
        if (key == null) {
            return -1;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        try {
            return colon > 0 ? Integer.parseInt(text.substring(0, colon)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        return consumer.listTopics(Duration.ofSeconds(30)).entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX))
                .flatMap(e -> e.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                .toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
