package org.movetimeline.ingest;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The poll batches one consumer loop has handed to the stages and not yet committed, oldest first. They run side
 * by side, so a batch waiting for retried MOVE calls does not hold up the ones polled after it, but offsets are
 * committed strictly in poll order: a batch is committed once it and every batch before it are durable. When one
 * fails, it and every batch after it are read again (the stages are idempotent: the upsert keeps the newest answer).
 * Used by the loop's thread only, as its consumer is.
 */
final class InFlightBatches {

    private static final Logger LOG = Logger.getLogger(InFlightBatches.class);

    /** One poll batch: where each of its partitions starts and where the next batch starts. */
    record Batch(Map<TopicPartition, Long> first, Map<TopicPartition, OffsetAndMetadata> next, CompletableFuture<?> work) {
    }

    /** What a call to commit found: a batch failed (the consumer is rewound), some were committed, or none was done. */
    enum Progress { FAILED, COMMITTED, NONE }

    private final Deque<Batch> batches = new ArrayDeque<>();
    private final int capacity;

    InFlightBatches(int capacity) {
        this.capacity = capacity;
    }

    void add(Batch batch) {
        batches.addLast(batch);
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    boolean full() {
        return batches.size() >= capacity;
    }

    /** Blocks until the oldest batch is done (each stage bounds its own time), then commits what is finished. */
    Progress awaitOldest(Consumer<?, ?> consumer) {
        Batch oldest = batches.peekFirst();
        if (oldest != null) {
            await(oldest);
        }
        return commitFinished(consumer);
    }

    /**
     * Commits the batches at the head that are done, without waiting for the others. When one of them failed, every
     * batch is waited for and the consumer is rewound to the first record not committed: the caller should back off
     * before polling again.
     */
    Progress commitFinished(Consumer<?, ?> consumer) {
        Progress progress = Progress.NONE;
        while (!batches.isEmpty() && batches.peekFirst().work().isDone()) {
            if (!commit(consumer, batches.peekFirst())) {
                rewind(consumer);
                return Progress.FAILED;
            }
            batches.removeFirst();
            progress = Progress.COMMITTED;
        }
        return progress;
    }

    /** Waits for every batch and commits them in order; used before partitions are revoked and when the loop stops. */
    void drain(Consumer<?, ?> consumer) {
        while (!batches.isEmpty()) {
            awaitOldest(consumer);
        }
    }

    private boolean commit(Consumer<?, ?> consumer, Batch batch) {
        Throwable failure = await(batch);
        if (failure != null) {
            // Database or Kafka trouble: nothing of this batch is committed, so it is read again.
            LOG.errorf(failure, "ingest of a poll batch failed (%s); it and the %d after it are read again",
                    batch.first().keySet(), batches.size() - 1);
            return false;
        }
        try {
            consumer.commitSync(batch.next());
            return true;
        } catch (RuntimeException e) {
            // Typically a rebalance: the rows are stored; whoever owns the partitions now reads the records again.
            LOG.warnf("commit of a poll batch failed (%s); its records are read again: %s", batch.first().keySet(), e.toString());
            return false;
        }
    }

    /** Seeks every partition still assigned to the first record not committed, once all batches are done. */
    private void rewind(Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> from = new HashMap<>();
        for (Batch batch : batches) {
            await(batch);
            batch.first().forEach((partition, offset) -> from.merge(partition, offset, Math::min));
        }
        batches.clear();
        from.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /** The batch's failure, or null once it succeeded. */
    private static Throwable await(Batch batch) {
        try {
            batch.work().get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }
}
