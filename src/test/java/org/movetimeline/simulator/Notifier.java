package org.movetimeline.simulator;

import org.movetimeline.timeline.WebhookSignature;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The simulated MOVE Timeline Notifier: produces item notifications at SIM_NOTIFY_RATE items/s
 * (walking every user's timeline forward, see {@link NotificationFeed}), packs them into batches
 * of at most SIM_NOTIFY_BATCH_SIZE items, or whatever is pending once the oldest pending item has
 * waited SIM_NOTIFY_INTERVAL, signs each batch and hands it to {@link BatchSender}, which retries
 * it until it gets a 200.
 *
 * <p>Two threads: the producer keeps the pace, the sender delivers batches strictly in order. A
 * small bounded queue between them means a slow or failing receiver slows production down
 * (back-pressure) instead of piling up memory, and no batch is ever dropped while running.
 * On {@link #close()} production stops, and what is queued gets {@link #SHUTDOWN_GRACE} to be
 * delivered; anything still undelivered then is reported in the log.
 */
public final class Notifier implements AutoCloseable {

    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private static final int QUEUE_BATCHES = 16;
    /** Longest pause of the producer loop, so stop requests and flush deadlines are noticed promptly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private record Batch(long sequence, List<Notification.Item> items, byte[] body, String signature) {
    }

    /** Marks the end of a finite run (SIM_NOTIFY_MAX_ITEMS) in the queue. */
    private static final Batch END = new Batch(-1, List.of(), new byte[0], "");

    private final double rate;
    private final long maxItems;
    private final int batchSize;
    private final long intervalNanos;
    private final NotificationFeed feed;
    private final String secret;
    private final URI target;
    private final BatchSender sender;
    private final NotifierStats stats = new NotifierStats();
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final CountDownLatch completed = new CountDownLatch(1);
    private final Thread producerThread;
    private final Thread senderThread;
    private volatile boolean stopping;
    private long sequence;

    private Notifier(SimulatorSettings settings, TimelineGenerator generator, URI target) {
        this.rate = settings.notifyRate();
        this.maxItems = settings.notifyMaxItems();
        this.batchSize = settings.notifyBatchSize();
        this.intervalNanos = settings.notifyInterval().toNanos();
        this.feed = new NotificationFeed(generator, List.copyOf(settings.credentials().keySet()));
        this.secret = settings.notifySecret();
        this.target = target;
        this.sender = new BatchSender(settings.notifyRetryInitial(), settings.notifyRetryMax(), stats);
        this.producerThread = new Thread(this::produce, "sim-notifier-producer");
        this.senderThread = new Thread(this::send, "sim-notifier-sender");
    }

    /** Starts notifying SIM_NOTIFY_URL; the settings must have the notifier enabled. */
    public static Notifier start(SimulatorSettings settings, TimelineGenerator generator) {
        URI target = settings.notifyUrl().orElseThrow(() -> new IllegalArgumentException("SIM_NOTIFY_URL is not set"));
        Notifier notifier = new Notifier(settings, generator, target);
        notifier.producerThread.start();
        notifier.senderThread.start();
        return notifier;
    }

    public NotifierStats.Snapshot stats() {
        return stats.snapshot();
    }

    /**
     * Waits until a finite run (SIM_NOTIFY_MAX_ITEMS &gt; 0) has all its items delivered with 200.
     * An endless run never completes.
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isCompleted() {
        return completed.getCount() == 0;
    }

    @Override
    public void close() {
        // No interrupt at first: the producer notices the flag within MAX_PARK_NANOS and queues its
        // partial batch, and the sender keeps delivering, both within one grace period.
        stopping = true;
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            producerThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            producerThread.interrupt();
            senderThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            senderThread.interrupt();
            producerThread.join(1000);
            senderThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NotifierStats.Snapshot s = stats.snapshot();
        long undelivered = s.produced() - s.itemsDelivered();
        if (undelivered > 0) {
            Log.warn("notifier stopped with " + undelivered
                    + " produced items not delivered; " + s.line());
        } else {
            Log.info("notifier stopped; " + s.line());
        }
    }

    private void produce() {
        List<Notification.Item> pending = new ArrayList<>(batchSize);
        long oldestPending = 0;
        long produced = 0;
        long origin = System.nanoTime();
        try {
            while (!stopping && (maxItems == 0 || produced < maxItems)) {
                long now = System.nanoTime();
                long due = (long) ((now - origin) / 1e9 * rate);
                if (due - produced > Math.max(rate, batchSize)) {
                    // We were held up by back-pressure: resume the pace instead of bursting to catch up.
                    origin = now - (long) (produced / rate * 1e9);
                    due = produced;
                }
                if (maxItems > 0) {
                    due = Math.min(due, maxItems);
                }
                while (produced < due && !stopping) {
                    if (pending.isEmpty()) {
                        oldestPending = now;
                    }
                    pending.add(feed.next());
                    produced++;
                    stats.produced();
                    if (pending.size() == batchSize) {
                        enqueue(pending);
                        pending = new ArrayList<>(batchSize);
                    }
                }
                now = System.nanoTime();
                if (!pending.isEmpty() && now - oldestPending >= intervalNanos) {
                    enqueue(pending);
                    pending = new ArrayList<>(batchSize);
                }
                long nextItemAt = origin + (long) ((produced + 1) / rate * 1e9);
                long flushAt = pending.isEmpty() ? Long.MAX_VALUE : oldestPending + intervalNanos;
                LockSupport.parkNanos(Math.max(0, Math.min(MAX_PARK_NANOS, Math.min(nextItemAt, flushAt) - now)));
            }
            if (!pending.isEmpty()) {
                enqueue(pending);
            }
            if (!stopping) {
                queue.put(END);
            }
        } catch (InterruptedException e) {
            // close(): the batch being enqueued is reported as undelivered by close().
        }
    }

    private void enqueue(List<Notification.Item> items) throws InterruptedException {
        // Serialised and signed once: every retry sends the very same bytes, as MOVE does.
        byte[] body = Json.write(new Notification(items));
        queue.put(new Batch(++sequence, items, body, WebhookSignature.sign(body, secret)));
    }

    private void send() {
        try {
            while (true) {
                Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    if (stopping && !producerThread.isAlive()) {
                        return; // closed and everything queued is delivered
                    }
                    continue;
                }
                if (batch == END) {
                    completed.countDown();
                    Log.info("notifier finished: " + stats.snapshot().line());
                    return;
                }
                sender.deliver("batch " + batch.sequence(), HttpRequest.newBuilder(target)
                        .timeout(BatchSender.REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.HEADER, batch.signature())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                        .build());
                stats.delivered(batch.items().size());
            }
        } catch (InterruptedException e) {
            // close() after the grace period: the batch in flight stays undelivered and is reported.
        }
    }
}
