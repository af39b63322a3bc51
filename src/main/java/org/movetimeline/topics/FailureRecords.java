package org.movetimeline.topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The retry and dead-letter records of any source's topics, so that every DLQ and retry tier carries the same
 * headers ({@link RecordHeaders}) and the admin tools read them all alike.
 */
public final class FailureRecords {

    /** Dead-lettered by the receiver of a webhook. */
    public static final String SOURCE_RECEIVER = "receiver";
    /** Dead-lettered by a consumer. */
    public static final String SOURCE_INGEST = "ingest";

    private FailureRecords() {
    }

    /**
     * A record to try again after {@code notBeforeMillis}, on the retry tier {@code topic}; {@code attempt} attempts
     * have failed so far.
     */
    public static ProducerRecord<String, byte[]> retry(String topic, String key, byte[] raw, int attempt,
                                                       long notBeforeMillis, String reason) {
        var record = new ProducerRecord<>(topic, key, raw);
        RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempt);
        RecordHeaders.put(record.headers(), RecordHeaders.NOT_BEFORE, notBeforeMillis);
        RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
        return record;
    }

    /** Kept raw on the DLQ {@code topic}, with the reason, for a person or a replay to deal with. {@code key} may be null. */
    public static ProducerRecord<String, byte[]> deadLetter(String topic, String key, byte[] raw, String reason,
                                                            String source, int attempt) {
        var record = new ProducerRecord<>(topic, key, raw);
        RecordHeaders.put(record.headers(), RecordHeaders.REASON, reason);
        RecordHeaders.put(record.headers(), RecordHeaders.SOURCE, source);
        RecordHeaders.put(record.headers(), RecordHeaders.ATTEMPT, attempt);
        return record;
    }

    /**
     * A dead letter appended to its DLQ {@code topic} once more, exactly as it was (partition, time, headers), for a
     * later replay to find after the replay cursor has moved past the original.
     */
    public static ProducerRecord<String, byte[]> deadLetterAgain(String topic, ConsumerRecord<String, byte[]> deadLetter) {
        return new ProducerRecord<>(topic, deadLetter.partition(), deadLetter.timestamp(), deadLetter.key(),
                deadLetter.value(), deadLetter.headers());
    }
}
