package org.movetimeline.admin;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;

import java.time.Instant;

/**
 * One DLQ record as the admin tools see it: where it is, why it is there (the headers the pipeline wrote), whose it
 * is, and its bytes.
 *
 * @param tenant whose it is, as its source's {@link Tenancy} reads it (a MOVE projectId, a Sentiance appId); null for
 *               a record that names none (the receiver's unusable MOVE bodies have no key)
 */
record DeadLetter(int partition, long offset, Instant time, String key, String reason, String source, Object tenant,
                  byte[] value) {

    static DeadLetter of(ConsumerRecord<String, byte[]> record, Tenancy tenancy) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                RecordHeaders.get(record.headers(), RecordHeaders.REASON),
                RecordHeaders.get(record.headers(), RecordHeaders.SOURCE), tenancy.of(record), record.value());
    }

    /** The projectId of a MOVE key {@code projectId:userId}; null when there is none. */
    static Integer projectOf(String key) {
        String prefix = prefixOf(key);
        if (prefix == null) {
            return null;
        }
        try {
            return Integer.valueOf(prefix);
        } catch (NumberFormatException notAProject) {
            return null;
        }
    }

    /** The appId of a Sentiance record: its header, else the key {@code appId:userId}; null when neither has one. */
    static String appOf(String key, Headers headers) {
        String header = RecordHeaders.get(headers, SentianceRecords.APP_ID);
        return header == null || header.isBlank() ? prefixOf(key) : header;
    }

    private static String prefixOf(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        return colon <= 0 ? null : key.substring(0, colon);
    }

    Sample sample() {
        return Sample.of(this);
    }
}
