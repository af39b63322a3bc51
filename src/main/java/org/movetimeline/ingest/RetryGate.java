package org.movetimeline.ingest;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.movetimeline.topics.RecordHeaders;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Holds back retry records until their time: a partition whose next record is not yet due is rewound
 * to it and paused, while every other partition keeps flowing. Each retry tier has one delay, so the records
 * behind a paused one are due no earlier than it: pausing never makes a record wait past its time.
 */
final class RetryGate {

    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();

    /** False when {@code record} must wait; its partition is then paused at it, and later records of it ignored. */
    boolean admit(Consumer<?, ?> consumer, ConsumerRecord<String, byte[]> record, long now) {
        long notBefore = RecordHeaders.getLong(record.headers(), RecordHeaders.NOT_BEFORE, 0);
        if (notBefore <= now) {
            return true;
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        consumer.seek(partition, record.offset());
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, notBefore);
        return false;
    }

    void resumeDue(Consumer<?, ?> consumer, long now) {
        for (Iterator<Map.Entry<TopicPartition, Long>> it = pausedUntil.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue() <= now) {
                if (consumer.assignment().contains(entry.getKey())) {
                    consumer.resume(List.of(entry.getKey()));
                }
                it.remove();
            }
        }
    }

    /** After a rebalance a partition's pause is gone with it; the consumer re-checks its records anyway. */
    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(pausedUntil::remove);
    }
}
