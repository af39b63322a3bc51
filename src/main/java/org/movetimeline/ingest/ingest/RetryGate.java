package org.movetimeline.ingest.ingest;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.movetimeline.ingest.notify.RecordHeaders;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Holds back retry records until their time: a partition whose next record is not yet due is rewound
 * to it and paused, while every other partition keeps flowing (no head-of-line blocking).
 */
final class RetryGate {

    private final String retryTopic;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();

    RetryGate(String retryTopic) {
        this.retryTopic = retryTopic;
    }

    /** False when {@code record} must wait; its partition is then paused at it, and later records of it ignored. */
    boolean admit(Consumer<?, ?> consumer, ConsumerRecord<String, byte[]> record, long now) {
        if (!record.topic().equals(retryTopic)) {
            return true;
        }
        long notBefore = RecordHeaders.getLong(record.headers(), RecordHeaders.NOT_BEFORE, 0);
        if (notBefore <= now) {
            return true;
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        consumer.seek(partition, record.offset());
        consumer.pause(java.util.List.of(partition));
        pausedUntil.put(partition, notBefore);
        return false;
    }

    void resumeDue(Consumer<?, ?> consumer, long now) {
        for (Iterator<Map.Entry<TopicPartition, Long>> it = pausedUntil.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue() <= now) {
                if (consumer.assignment().contains(entry.getKey())) {
                    consumer.resume(java.util.List.of(entry.getKey()));
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
