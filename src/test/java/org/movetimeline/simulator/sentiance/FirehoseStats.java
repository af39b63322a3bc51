package org.movetimeline.simulator.sentiance;

import org.movetimeline.simulator.BatchSender;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Progress of the Firehose sender, for the progress line and tests. Thread-safe. */
public final class FirehoseStats implements BatchSender.Stats {

    private final AtomicLong deliveries = new AtomicLong();
    private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong lastFailureStatus = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong testPayloads = new AtomicLong();
    private final AtomicLong checksFailed = new AtomicLong();

    @Override
    public void attempt() {
        attempts.incrementAndGet();
    }

    @Override
    public void failed(int status) {
        retries.incrementAndGet();
        lastFailureStatus.set(status);
    }

    void delivered(Map<String, Integer> messagesByType) {
        deliveries.incrementAndGet();
        messagesByType.forEach((type, n) -> messages.computeIfAbsent(type, t -> new LongAdder()).add(n));
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    void testPayload() {
        testPayloads.incrementAndGet();
    }

    void checkFailed() {
        checksFailed.incrementAndGet();
    }

    public Snapshot snapshot() {
        Map<String, Long> byType = new TreeMap<>();
        messages.forEach((type, n) -> byType.put(type, n.sum()));
        return new Snapshot(deliveries.get(), Map.copyOf(byType), attempts.get(), retries.get(),
                (int) lastFailureStatus.get(), duplicates.get(), testPayloads.get(), checksFailed.get());
    }

    /**
     * @param deliveries      deliveries answered 200 (first sends; duplicates and test payloads not included)
     * @param messages        messages in them, by message_type
     * @param attempts        POSTs made, retries, duplicates and test payloads included
     * @param retries         POSTs not answered with 200, each followed by a retry
     * @param duplicates      accepted deliveries sent once more
     * @param testPayloads    test deliveries ({@code sentiance-payload-type: test}) accepted
     * @param checksFailed    start checks (GET check, wrong-credentials probe) that did not get the expected answer
     */
    public record Snapshot(long deliveries, Map<String, Long> messages, long attempts, long retries,
                           int lastFailureStatus, long duplicates, long testPayloads, long checksFailed) {

        public long messages(String type) {
            return messages.getOrDefault(type, 0L);
        }

        public long totalMessages() {
            return messages.values().stream().mapToLong(Long::longValue).sum();
        }

        public String line() {
            return "firehose: deliveries=" + deliveries + " messages=" + new TreeMap<>(messages) + " attempts=" + attempts
                    + " retries=" + retries + (retries > 0 ? " lastFailure=" + (lastFailureStatus < 0 ? "no-answer" : lastFailureStatus) : "")
                    + " duplicates=" + duplicates + " tests=" + testPayloads
                    + (checksFailed > 0 ? " CHECKS-FAILED=" + checksFailed : "");
        }
    }
}
