package org.movetimeline.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from a test, starting at its end as of {@link #from}; so each test sees only
 * what it caused, whatever earlier tests left on the shared broker.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    private TopicReader(List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> ofTopic = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // The first metadata request only triggers the broker's auto-creation; ask until the topic is there.
            while (ofTopic.isEmpty() && System.nanoTime() < deadline) {
                ofTopic = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
            }
            if (ofTopic.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " did not appear on the broker");
            }
            partitions.addAll(ofTopic);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test produces
    }

    public static TopicReader from(String topic) {
        return new TopicReader(List.of(topic));
    }

    /** Several topics as one, e.g. all retry tiers. */
    public static TopicReader from(List<String> topics) {
        return new TopicReader(topics);
    }

    /** Everything that arrives within {@code within}, stopping early once {@code expected} records are in. */
    public List<ConsumerRecord<String, byte[]>> read(int expected, Duration within) {
        return readUntil(out -> out.size() >= expected, within);
    }

    /** Reads for the whole of {@code quiet} to show that nothing (more) arrives. */
    public List<ConsumerRecord<String, byte[]>> readAll(Duration quiet) {
        return read(Integer.MAX_VALUE, quiet);
    }

    public List<ConsumerRecord<String, byte[]>> readUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                          Duration within) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.test(out) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
