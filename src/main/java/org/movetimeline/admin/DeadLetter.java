package org.movetimeline.admin;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.movetimeline.topics.RecordHeaders;

import java.time.Instant;

/**
 * One DLQ record as the admin tools see it: where it is, why it is there (the headers the pipeline wrote), whose it
 * is, and its bytes.
 *
 * @param project the projectId of the key {@code projectId:userId}; null for a record without one (the receiver's
 *                unusable bodies have no key)
 */
record DeadLetter(int partition, long offset, Instant time, String key, String reason, String source, Integer project,
                  byte[] value) {

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                RecordHeaders.get(record.headers(), RecordHeaders.REASON),
                RecordHeaders.get(record.headers(), RecordHeaders.SOURCE), projectOf(record.key()), record.value());
    }

    static Integer projectOf(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return Integer.valueOf(key.substring(0, colon));
        } catch (NumberFormatException notAProject) {
            return null;
        }
    }

    Sample sample() {
        return Sample.of(this);
    }
}
