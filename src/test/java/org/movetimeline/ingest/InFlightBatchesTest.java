package org.movetimeline.ingest;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightBatchesTest {

    private static final TopicPartition P0 = new TopicPartition("notifications", 0);
    private static final TopicPartition P1 = new TopicPartition("notifications", 1);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final InFlightBatches batches = new InFlightBatches(2);

    @BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.seek(P0, 30);
        consumer.seek(P1, 30);
    }

    private static InFlightBatches.Batch batch(long from, long to, CompletableFuture<?> work) {
        return new InFlightBatches.Batch(Map.of(P0, from, P1, from),
                Map.of(P0, new OffsetAndMetadata(to), P1, new OffsetAndMetadata(to)), work);
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    @Test
    void aLaterBatchDoneFirstIsCommittedOnlyAfterTheOneBeforeIt() {
        CompletableFuture<Void> older = new CompletableFuture<>();
        batches.add(batch(0, 10, older));
        batches.add(batch(10, 20, CompletableFuture.completedFuture(null)));
        assertTrue(batches.full());

        assertEquals(InFlightBatches.Progress.NONE, batches.commitFinished(consumer));
        assertEquals(-1, committed(P0), "nothing committed past a batch still in the stages");

        older.complete(null);
        assertEquals(InFlightBatches.Progress.COMMITTED, batches.commitFinished(consumer));
        assertEquals(20, committed(P0));
        assertEquals(20, committed(P1));
        assertTrue(batches.isEmpty());
    }

    @Test
    void aFailedBatchIsReadAgainWithEveryBatchAfterItAndTheOnesBeforeStayCommitted() {
        InFlightBatches three = new InFlightBatches(3);
        three.add(batch(0, 10, CompletableFuture.completedFuture(null)));
        three.add(batch(10, 20, CompletableFuture.failedFuture(new IllegalStateException("database down"))));
        three.add(batch(20, 30, CompletableFuture.completedFuture(null)));

        assertEquals(InFlightBatches.Progress.FAILED, three.commitFinished(consumer));
        assertEquals(10, committed(P0), "the batch before the failed one is committed");
        assertEquals(10, consumer.position(P0), "rewound to the failed batch, though the one after it succeeded");
        assertEquals(10, consumer.position(P1));
        assertTrue(three.isEmpty());
    }

    @Test
    void whenFullTheOldestIsAwaitedAndAPartitionNoLongerAssignedIsNotSought() throws Exception {
        CompletableFuture<Void> oldest = new CompletableFuture<>();
        batches.add(batch(0, 10, oldest));
        batches.add(batch(10, 20, CompletableFuture.completedFuture(null)));
        consumer.assign(List.of(P0)); // P1 has gone to another member meanwhile
        consumer.seek(P0, 30);
        Thread failing = new Thread(() -> {
            sleep(200);
            oldest.completeExceptionally(new IllegalStateException("kafka down"));
        });
        failing.start();

        assertEquals(InFlightBatches.Progress.FAILED, batches.awaitOldest(consumer));
        assertTrue(oldest.isDone(), "awaitOldest returned only once the oldest batch was done");
        assertEquals(0, consumer.position(P0));
        assertEquals(-1, committed(P0));
        assertFalse(consumer.assignment().contains(P1));
        failing.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
