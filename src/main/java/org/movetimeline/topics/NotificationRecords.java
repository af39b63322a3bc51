package org.movetimeline.topics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.timeline.TimelineNotification;

/** Builds the records of the four topics, so topic names and headers are decided in one place. */
@ApplicationScoped
public class NotificationRecords {

    public static final String SOURCE_RECEIVER = "receiver";
    public static final String SOURCE_INGEST = "ingest";

    private final MoveConfig config;

    @Inject
    public NotificationRecords(MoveConfig config) {
        this.config = config;
    }

    public ProducerRecord<String, byte[]> notification(TimelineNotification notification) {
        return new ProducerRecord<>(config.topics().notifications(), notification.key(), notification.raw());
    }

    /**
     * A notification to try again after {@code notBeforeMillis}, on the retry tier {@code topic};
     * {@code attempt} attempts have failed so far.
     */
    public ProducerRecord<String, byte[]> retry(String topic, String key, byte[] raw, int attempt, long notBeforeMillis,
                                                String reason) {
        var record = new ProducerRecord<>(topic, key, raw);
        RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempt);
        RecordHeaders.put(record.headers(), RecordHeaders.NOT_BEFORE, notBeforeMillis);
        RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
        return record;
    }

    /** Kept raw, with the reason, for a person or a replay to deal with. {@code key} may be null. */
    public ProducerRecord<String, byte[]> deadLetter(String key, byte[] raw, String reason, String source, int attempt) {
        var record = new ProducerRecord<>(config.topics().dlq(), key, raw);
        RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
        RecordHeaders.put(record.headers(), RecordHeaders.SOURCE, source);
        RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempt);
        return record;
    }

    /**
     * A dead letter appended to the DLQ once more, exactly as it was (partition, time, headers), for a later replay
     * to find after the replay cursor has moved past the original.
     */
    public ProducerRecord<String, byte[]> deadLetterAgain(ConsumerRecord<String, byte[]> deadLetter) {
        return new ProducerRecord<>(config.topics().dlq(), deadLetter.partition(), deadLetter.timestamp(), deadLetter.key(),
                deadLetter.value(), deadLetter.headers());
    }

    public ProducerRecord<String, byte[]> item(int projectId, String userId, byte[] itemJson) {
        return new ProducerRecord<>(config.topics().items(), TimelineNotification.recordKey(projectId, userId), itemJson);
    }
}
