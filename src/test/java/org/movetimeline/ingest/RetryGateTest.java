package org.movetimeline.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryGateTest {

    static final TopicPartition TIER = new TopicPartition("r.30s", 0);
    static final TopicPartition OTHER_TIER = new TopicPartition("r.1h", 0);
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    final RetryGate gate = new RetryGate();

    @BeforeEach
    void assign() {
        consumer.assign(List.of(TIER, OTHER_TIER));
        consumer.updateBeginningOffsets(Map.of(TIER, 0L, OTHER_TIER, 0L));
    }

    static ConsumerRecord<String, byte[]> retry(TopicPartition partition, long offset, Long notBefore) {
        var headers = new RecordHeaders();
        if (notBefore != null) {
            org.movetimeline.topics.RecordHeaders.put(headers, org.movetimeline.topics.RecordHeaders.NOT_BEFORE, notBefore);
        }
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, -1, null, 0, 0, "k", new byte[0],
                headers, Optional.empty());
    }

    @Test
    void aRecordThatIsDueOrHasNoTimeIsAdmitted() {
        assertTrue(gate.admit(consumer, retry(TIER, 0, 1000L), 1000));
        assertTrue(gate.admit(consumer, retry(TIER, 1, null), 0));
        assertTrue(consumer.paused().isEmpty());
    }

    @Test
    void aRecordNotYetDuePausesItsPartitionAtItUntilItsTime() {
        assertFalse(gate.admit(consumer, retry(TIER, 5, 2000L), 1000));

        assertEquals(Set.of(TIER), consumer.paused());
        assertEquals(5, consumer.position(TIER));

        gate.resumeDue(consumer, 1999);
        assertEquals(Set.of(TIER), consumer.paused());
        gate.resumeDue(consumer, 2000);
        assertTrue(consumer.paused().isEmpty());
    }

    @Test
    void oneTiersWaitDoesNotHoldAnother() {
        assertFalse(gate.admit(consumer, retry(OTHER_TIER, 0, 3_600_000L), 0));

        assertTrue(gate.admit(consumer, retry(TIER, 0, 30_000L), 30_000));
        assertEquals(Set.of(OTHER_TIER), consumer.paused());
    }

    @Test
    void aPartitionNoLongerAssignedIsNotResumed() {
        assertFalse(gate.admit(consumer, retry(TIER, 0, 2000L), 1000));
        assertFalse(gate.admit(consumer, retry(OTHER_TIER, 0, 2000L), 1000));
        gate.forget(List.of(TIER));
        consumer.assign(List.of(OTHER_TIER));

        // Resuming a partition the consumer no longer has would throw; the gate leaves it alone.
        gate.resumeDue(consumer, 5000);
        assertFalse(consumer.paused().contains(OTHER_TIER));
    }
}
