package org.movetimeline.ingest.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.movetimeline.ingest.config.MoveConfig;
import org.movetimeline.ingest.notify.ConsumerSettings;
import org.movetimeline.ingest.notify.NotificationRecords;
import org.movetimeline.ingest.notify.RecordPublisher;
import org.movetimeline.ingest.notify.TimelineNotification;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends what is on the DLQ back to the notifications topic with a fresh attempt budget, once the cause
 * is fixed (credentials added, MOVE back). Its own consumer group remembers how far it got, so each
 * dead letter is replayed once; records that are not notifications (receiver garbage) are skipped.
 */
@ApplicationScoped
public class DlqReplayer {

    public static final String GROUP = "move-timeline-ingest-dlq-replay";
    private static final Logger LOG = Logger.getLogger(DlqReplayer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MoveConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    ObjectMapper mapper;
    @Inject
    NotificationRecords records;
    @Inject
    RecordPublisher publisher;

    public record Outcome(int replayed, int skipped) {
    }

    /** Replays the DLQ up to its end as of now. */
    public synchronized Outcome replay() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ConsumerSettings.forGroup(kafkaConfig, GROUP))) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topics().dlq(), TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            int replayed = 0;
            int skipped = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // arrived after the replay started: the next replay's business
                    }
                    next.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    try {
                        out.add(records.notification(TimelineNotification.from(mapper.readTree(record.value()), record.value())));
                    } catch (IOException | RuntimeException notANotification) {
                        skipped++;
                    }
                }
                publisher.publishAll(out, TIMEOUT);
                consumer.commitSync(next);
                replayed += out.size();
            }
            LOG.infof("DLQ replay: %d notifications sent back to %s, %d records skipped", replayed,
                    config.topics().notifications(), skipped);
            return new Outcome(replayed, skipped);
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
