package org.movetimeline.bench;

import org.movetimeline.bench.SignedBatches.SignedBatch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Sends signed batches to the receiver, closed-loop (fixed callers) or open-loop (fixed rate). */
final class WebhookLoad {

    private static final int OPEN_LOOP_CONNECTIONS = 32;

    private final String host;
    private final int port;

    WebhookLoad(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code concurrency} callers, each sending its next batch as soon as the last one is answered. */
    PhaseResult closedLoop(String name, List<SignedBatch> pool, int concurrency, Duration length) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = runWorkers(concurrency, (connection, recorded) -> {
            while (System.nanoTime() < deadline) {
                SignedBatch batch = pool.get(Math.floorMod(next.getAndIncrement(), pool.size()));
                long sent = System.nanoTime();
                if (send(connection, batch)) {
                    recorded.add(System.nanoTime() - sent);
                } else {
                    failures.incrementAndGet();
                }
            }
        });
        return PhaseResult.of(name, concurrency, (System.nanoTime() - started) / 1e9, failures.get(), flatten(latencies));
    }

    /**
     * {@code count} batches at {@code batchesPerSecond}, batch i due at start + i / rate whether or not earlier
     * ones were answered (batches cycle through {@code batches}). {@code ackMillis[i]} receives the wall-clock time
     * batch i was acknowledged, or -1.
     */
    PhaseResult openLoop(String name, List<SignedBatch> batches, double batchesPerSecond, int count, long[] ackMillis)
            throws InterruptedException {
        long started = System.nanoTime();
        long intervalNanos = (long) (1e9 / batchesPerSecond);
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = runWorkers(OPEN_LOOP_CONNECTIONS, (connection, recorded) -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                long due = started + i * intervalNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (send(connection, batches.get(i % batches.size()))) {
                    recorded.add(System.nanoTime() - due);
                    ackMillis[i] = System.currentTimeMillis();
                } else {
                    failures.incrementAndGet();
                    ackMillis[i] = -1;
                }
            }
        });
        return PhaseResult.of(name, OPEN_LOOP_CONNECTIONS, (System.nanoTime() - started) / 1e9, failures.get(),
                flatten(latencies));
    }

    private static boolean send(WebhookConnection connection, SignedBatch batch) {
        try {
            return connection.send(batch.request()) == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private interface Worker {
        void run(WebhookConnection connection, LatencyLog recorded);
    }

    /** Latencies of one worker thread: no sharing, no locks while measuring. */
    private static final class LatencyLog {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        long[] values() {
            return Arrays.copyOf(values, size);
        }
    }

    private List<long[]> runWorkers(int count, Worker worker) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(count);
        List<LatencyLog> logs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            threads.add(new Thread(() -> {
                try (WebhookConnection connection = new WebhookConnection(host, port)) {
                    worker.run(connection, log);
                }
            }, "bench-caller-" + i));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return logs.stream().map(LatencyLog::values).toList();
    }

    private static long[] flatten(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }
}
