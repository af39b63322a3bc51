package org.movetimeline.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** Progress of the notifier, for the progress line, tests and benchmarks. Thread-safe. */
public final class NotifierStats implements BatchSender.Stats {

    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong batchesDelivered = new AtomicLong();
    private final AtomicLong itemsDelivered = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong lastFailureStatus = new AtomicLong();

    void produced() {
        produced.incrementAndGet();
    }

    @Override
    public void attempt() {
        attempts.incrementAndGet();
    }

    @Override
    public void failed(int status) {
        failedAttempts.incrementAndGet();
        lastFailureStatus.set(status);
    }

    void delivered(int items) {
        batchesDelivered.incrementAndGet();
        itemsDelivered.addAndGet(items);
    }

    public Snapshot snapshot() {
        return new Snapshot(produced.get(), batchesDelivered.get(), itemsDelivered.get(), attempts.get(),
                failedAttempts.get(), (int) lastFailureStatus.get());
    }

    /**
     * @param produced          items generated so far (delivered, queued or pending in a batch)
     * @param batchesDelivered  batches answered with 200
     * @param itemsDelivered    items in those batches
     * @param attempts          POSTs made, retries included
     * @param failedAttempts    POSTs not answered with 200, each followed by a retry
     * @param lastFailureStatus status of the latest failed POST (-1: no answer; 0: none yet)
     */
    public record Snapshot(long produced, long batchesDelivered, long itemsDelivered, long attempts,
                           long failedAttempts, int lastFailureStatus) {

        /** One line for the progress log. */
        public String line() {
            return "notifier: batches=" + batchesDelivered + " items=" + itemsDelivered + " produced=" + produced
                    + " attempts=" + attempts + " retries=" + failedAttempts
                    + (failedAttempts > 0 ? " lastFailure=" + (lastFailureStatus < 0 ? "no-answer" : lastFailureStatus) : "");
        }
    }
}
