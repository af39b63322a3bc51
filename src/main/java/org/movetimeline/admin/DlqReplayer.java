package org.movetimeline.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movetimeline.topics.FailureRecords;
import org.movetimeline.topics.RecordPublisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one source's dead letters back to the topic its consumer reads, with a fresh attempt budget, once the cause is
 * fixed (credentials added, the API back). It works from the replay cursor to the end of the DLQ and moves the cursor
 * past everything it dealt with, so each dead letter is replayed once: those matching the filter are replayed, or
 * skipped when they cannot be ({@link DlqSource#replay}: the receiver's garbage, left for a person to read); those
 * not matching are appended to the DLQ again, unchanged, so that a later call still finds them.
 */
public class DlqReplayer {

    private static final Logger LOG = Logger.getLogger(DlqReplayer.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final DlqSource source;
    private final Map<String, Object> kafkaConfig;
    private final RecordPublisher publisher;

    DlqReplayer(DlqSource source, Map<String, Object> kafkaConfig, RecordPublisher publisher) {
        this.source = source;
        this.kafkaConfig = kafkaConfig;
        this.publisher = publisher;
    }

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

    /** One replay at a time per process and DLQ: two would read the same records from the cursor. */
    public synchronized Outcome replay(DlqFilter filter, Duration timeLimit) {
        Counts total = new Counts();
        long left;
        try (DlqCursor cursor = new DlqCursor(kafkaConfig, source.dlq(), source.cursorGroup())) {
            left = cursor.forEachBatch(timeLimit, batch -> {
                Counts counts = new Counts();
                List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    DeadLetter letter = DeadLetter.of(record, source.tenancy());
                    if (!filter.matches(letter)) {
                        out.add(FailureRecords.deadLetterAgain(source.dlq(), record));
                        counts.kept++;
                        continue;
                    }
                    Optional<ProducerRecord<String, byte[]>> replayed = source.replay().apply(letter);
                    if (replayed.isPresent()) {
                        out.add(replayed.get());
                        counts.replayed++;
                    } else {
                        counts.skipped(letter);
                    }
                }
                publisher.publishAll(out, PUBLISH_TIMEOUT);
                cursor.commit();
                total.add(counts);
            });
        }
        Outcome outcome = new Outcome(filter, total.replayed, total.skipped, total.kept, left, total.skippedSamples);
        LOG.infof("%s DLQ replay (%s): %s; replayed to %s", source.name(), filter, outcome.outcome(), source.target());
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
