package org.movetimeline.simulator.sentiance;

import com.fasterxml.jackson.databind.JsonNode;
import org.movetimeline.simulator.BatchSender;
import org.movetimeline.simulator.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPOutputStream;

/**
 * The simulated Sentiance Firehose: at SIM_SENTIANCE_RATE messages/s (apps taking turns per delivery, each
 * delivery mixing that app's users and message types, see {@link FirehoseFeed}) it POSTs gzip deliveries of at
 * most SIM_SENTIANCE_BATCH_SIZE messages, or what is due once SIM_SENTIANCE_INTERVAL passed, to
 * {@code <SIM_SENTIANCE_FIREHOSE_URL>/webhooks/sentiance/firehose/<appId>} with Basic auth {@code user:password},
 * each retried until 200 ({@link BatchSender}: 100 ms doubling up to the cap). A share of accepted deliveries is
 * sent again (Sentiance delivers at least once) and a share is followed by a test payload. Before the first
 * delivery it checks each app's webhook as Sentiance's dashboard does: GET with the credentials must answer 200
 * {@code {"app_id":...}}, a POST with a wrong password 401; anything else is logged loudly and counted.
 *
 * <p>One thread, deliveries strictly in order: while one is retried nothing new is produced (back-pressure),
 * and the pace resumes afterwards instead of bursting.
 */
public final class FirehoseSender implements AutoCloseable {

    static final String PAYLOAD_TYPE_HEADER = "sentiance-payload-type";
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SentianceSettings settings;
    private final List<FirehoseFeed> feeds = new ArrayList<>();
    private final BatchSender sender;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final FirehoseStats stats = new FirehoseStats();
    /** Draws duplicates and test payloads; seeded so a run repeats. */
    private final Random random;
    private final CountDownLatch completed = new CountDownLatch(1);
    private final Consumer<Accepted> onAccepted;
    private final Thread thread;
    private volatile boolean stopping;
    private long sequence;

    /**
     * One delivery answered 200 (its first send, not the duplicate), for a load driver that checks every message
     * arrived: each message's bytes as the receiver slices them out of the body, and when the answer came.
     */
    public record Accepted(String appId, List<byte[]> messages, Instant at) {
    }

    private FirehoseSender(SentianceSettings settings, long seed, Instant epoch, SentianceEvents events,
                           Consumer<Accepted> onAccepted) {
        this.settings = settings;
        this.onAccepted = onAccepted;
        for (String appId : settings.webhookCredentials().keySet()) {
            feeds.add(new FirehoseFeed(seed, epoch, appId, settings.usersPerApp(), settings.refineRatio(), events));
        }
        this.sender = new BatchSender(settings.retryInitial(), settings.retryMax(), stats);
        this.random = new Random(seed ^ 0x5E471A4CEL);
        this.thread = new Thread(this::run, "sim-firehose");
    }

    /** Starts sending to SIM_SENTIANCE_FIREHOSE_URL, which must be set; transports go into {@code events}. */
    public static FirehoseSender start(SentianceSettings settings, long seed, Instant epoch, SentianceEvents events) {
        return start(settings, seed, epoch, events, accepted -> { });
    }

    /** As {@link #start(SentianceSettings, long, Instant, SentianceEvents)}, telling {@code onAccepted} of each delivery. */
    public static FirehoseSender start(SentianceSettings settings, long seed, Instant epoch, SentianceEvents events,
                                       Consumer<Accepted> onAccepted) {
        if (!settings.senderEnabled()) {
            throw new IllegalArgumentException("SIM_SENTIANCE_FIREHOSE_URL is not set");
        }
        FirehoseSender s = new FirehoseSender(settings, seed, epoch, events, onAccepted);
        s.thread.start();
        return s;
    }

    public FirehoseStats.Snapshot stats() {
        return stats.snapshot();
    }

    /** Waits until a finite run (SIM_SENTIANCE_MAX_MESSAGES &gt; 0) has all its messages accepted. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops producing; the delivery in flight gets {@link #SHUTDOWN_GRACE} to be accepted. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(SHUTDOWN_GRACE.toMillis());
            thread.interrupt();
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.info("firehose sender stopped; " + stats.snapshot().line());
    }

    private void run() {
        try {
            for (FirehoseFeed feed : feeds) {
                check(feed.appId());
            }
            long max = settings.maxMessages();
            int batch = settings.batchSize();
            long intervalNanos = settings.interval().toNanos();
            long produced = 0;
            long origin = System.nanoTime();
            long lastSend = origin;
            int turn = 0;
            while (!stopping && (max == 0 || produced < max)) {
                long now = System.nanoTime();
                long due = (long) ((now - origin) / 1e9 * settings.rate());
                if (due - produced > 2L * Math.max((long) settings.rate(), batch)) {
                    // Held up by retries: resume the pace instead of bursting to catch up.
                    origin = now - (long) (produced / settings.rate() * 1e9);
                    due = produced;
                }
                if (max > 0) {
                    due = Math.min(due, max);
                }
                long backlog = due - produced;
                boolean last = max > 0 && due == max;
                if (backlog >= batch || (backlog > 0 && (last || now - lastSend >= intervalNanos))) {
                    int n = (int) Math.min(batch, backlog);
                    deliver(feeds.get(turn), n);
                    turn = (turn + 1) % feeds.size();
                    produced += n;
                    lastSend = System.nanoTime();
                } else {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
            if (!stopping) {
                completed.countDown();
                Log.info("firehose sender finished: " + stats.snapshot().line());
            }
        } catch (InterruptedException e) {
            // close() after the grace period: the delivery in flight stays unaccepted, reported by close().
        }
    }

    private void deliver(FirehoseFeed feed, int n) throws InterruptedException {
        List<SentianceWire.Message> messages = new ArrayList<>(n);
        Map<String, Integer> byType = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            SentianceWire.Message m = feed.next();
            messages.add(m);
            byType.merge(m.meta().messageType(), 1, Integer::sum);
        }
        long number = ++sequence;
        // Compressed once: retries and the duplicate send the very same bytes.
        HttpRequest request = post(feed.appId(), password(feed.appId()), gzip(new SentianceWire.Delivery(messages)), false);
        sender.deliver("delivery " + number + " of app " + feed.appId(), request);
        stats.delivered(byType);
        onAccepted.accept(new Accepted(feed.appId(), messages.stream().map(SentianceWire::write).toList(), Instant.now()));
        if (random.nextDouble() < settings.duplicateRatio()) {
            sender.deliver("duplicate of delivery " + number, request);
            stats.duplicate();
        }
        if (random.nextDouble() < settings.testPayloadRatio()) {
            sender.deliver("test payload", post(feed.appId(), password(feed.appId()),
                    gzip(new SentianceWire.Delivery(List.of(messages.get(0)))), true));
            stats.testPayload();
        }
    }

    /** The dashboard's checks of one app's webhook; failures are logged loudly, never fatal. */
    private void check(String appId) throws InterruptedException {
        URI url = url(appId);
        SentianceSettings.WebhookCredential c = settings.webhookCredentials().get(appId);
        try {
            HttpResponse<String> got = client.send(HttpRequest.newBuilder(url).timeout(BatchSender.REQUEST_TIMEOUT)
                    .header("Authorization", basic(c.user(), c.password())).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = got.statusCode() == 200 ? SentianceWire.MAPPER.readTree(got.body()) : null;
            if (body == null || !appId.equals(body.path("app_id").asText(null))) {
                loudly("GET " + url + " answered " + got.statusCode() + " " + got.body()
                        + "; expected 200 {\"app_id\":\"" + appId + "\"}");
            }
        } catch (IOException e) {
            loudly("GET " + url + " failed: " + e);
        }
        try {
            HttpResponse<String> wrong = client.send(post(appId, c.password() + "-wrong",
                    gzip(new SentianceWire.Delivery(List.of())), false), HttpResponse.BodyHandlers.ofString());
            if (wrong.statusCode() != 401) {
                loudly("POST " + url + " with a wrong password answered " + wrong.statusCode() + "; expected 401");
            }
        } catch (IOException e) {
            loudly("POST " + url + " with a wrong password failed: " + e);
        }
    }

    private void loudly(String problem) {
        stats.checkFailed();
        Log.warn("!!! FIREHOSE WEBHOOK CHECK FAILED: " + problem
                + " (Sentiance would not switch this webhook on) !!!");
    }

    private HttpRequest post(String appId, String password, byte[] gzipped, boolean test) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(appId)).timeout(BatchSender.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Authorization", basic(settings.webhookCredentials().get(appId).user(), password))
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped));
        if (test) {
            b.header(PAYLOAD_TYPE_HEADER, "test");
        }
        return b.build();
    }

    private String password(String appId) {
        return settings.webhookCredentials().get(appId).password();
    }

    URI url(String appId) {
        String base = settings.firehoseUrl().orElseThrow().toString().replaceAll("/+$", "");
        return URI.create(base + "/webhooks/sentiance/firehose/" + appId);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(SentianceWire.Delivery delivery) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(SentianceWire.write(delivery));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }
}
