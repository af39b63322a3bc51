package org.movetimeline.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.topics.NotificationRecords;
import org.movetimeline.topics.RecordPublisher;
import org.movetimeline.timeline.TimelineNotification;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends dead letters back to the notifications topic with a fresh attempt budget, once the cause is fixed
 * (credentials added, MOVE back). It works from the replay cursor to the end of the DLQ and moves the cursor past
 * everything it dealt with, so each dead letter is replayed once: those matching the filter are replayed, or skipped
 * when they are no notification at all (the receiver's signed garbage, left for a person to read); those not
 * matching are appended to the DLQ again, unchanged, so that a later call still finds them.
 */
@ApplicationScoped
public class DlqReplayer {

    private static final Logger LOG = Logger.getLogger(DlqReplayer.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

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

    /**
     * @param kept           records that did not match the filter, put back on the DLQ for a later call
     * @param left           records not reached before the time limit; the next call starts with them
     * @param skippedSamples the first few skipped records, to read them in full
     */
    @RegisterForReflection // written by Jackson outside the REST layer
    public record Outcome(DlqFilter filter, int replayed, int skipped, int kept, long left, List<Sample> skippedSamples)
            implements AdminAnswer {

        @Override
        public String outcome() {
            return "replayed=" + replayed + " skipped=" + skipped + " kept=" + kept + " left=" + left;
        }
    }

    /** One replay at a time per process: two would read the same records from the cursor. */
    public synchronized Outcome replay(DlqFilter filter, Duration timeLimit) {
        Counts total = new Counts();
        long left;
        try (DlqCursor cursor = new DlqCursor(kafkaConfig, config.topics().dlq())) {
            left = cursor.forEachBatch(timeLimit, batch -> {
                Counts counts = new Counts();
                List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    DeadLetter letter = DeadLetter.of(record);
                    if (!filter.matches(letter)) {
                        out.add(records.deadLetterAgain(record));
                        counts.kept++;
                        continue;
                    }
                    try {
                        out.add(records.notification(TimelineNotification.from(mapper.readTree(record.value()), record.value())));
                        counts.replayed++;
                    } catch (IOException | RuntimeException notANotification) {
                        counts.skipped(letter);
                    }
                }
                publisher.publishAll(out, PUBLISH_TIMEOUT);
                cursor.commit();
                total.add(counts);
            });
        }
        Outcome outcome = new Outcome(filter, total.replayed, total.skipped, total.kept, left, total.skippedSamples);
        LOG.infof("DLQ replay (%s): %s; replayed to %s", filter, outcome.outcome(), config.topics().notifications());
        return outcome;
    }

    /** A batch's counts count once the batch is on Kafka and the cursor past it. */
    private static final class Counts {
        int replayed;
        int skipped;
        int kept;
        final List<Sample> skippedSamples = new ArrayList<>();

        void skipped(DeadLetter letter) {
            skipped++;
            if (skippedSamples.size() < DlqSummary.SAMPLES) {
                skippedSamples.add(letter.sample());
            }
        }

        void add(Counts batch) {
            replayed += batch.replayed;
            skipped += batch.skipped;
            kept += batch.kept;
            batch.skippedSamples.stream().limit(DlqSummary.SAMPLES - skippedSamples.size()).forEach(skippedSamples::add);
        }
    }
}
