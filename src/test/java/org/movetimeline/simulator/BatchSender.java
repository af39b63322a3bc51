package org.movetimeline.simulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sends one webhook delivery until the receiver answers 200, like MOVE's notifier and Sentiance's Firehose:
 * a delivery is never given up, whatever the answer (4xx included) or if there is no answer at all.
 * Between attempts it waits with exponential backoff (initial delay doubling up to the cap: SIM_NOTIFY_RETRY_*,
 * SIM_SENTIANCE_RETRY_*), longer if the receiver's Retry-After asks for it (within the cap).
 */
public final class BatchSender {

    /** Per attempt; requests given to {@link #deliver} are built with it. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** What a sender counts of its attempts. */
    public interface Stats {
        void attempt();

        /** @param status HTTP status other than 200, or -1 when no answer came (connection refused, timeout) */
        void failed(int status);
    }

    private final HttpClient client;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Stats stats;

    public BatchSender(Duration initialDelay, Duration maxDelay, Stats stats) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-HTTP receivers
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.stats = stats;
    }

    /** Returns once {@code request} ({@code name} in the log) got a 200; throws only when interrupted (shutdown). */
    public void deliver(String name, HttpRequest request) throws InterruptedException {
        long delayMillis = initialDelay.toMillis();
        for (int attempt = 1; ; attempt++) {
            stats.attempt();
            int status;
            long retryAfterMillis = 0;
            String problem;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status == 200) {
                    return;
                }
                retryAfterMillis = response.headers().firstValue("Retry-After")
                        .map(BatchSender::seconds).orElse(0L) * 1000;
                problem = "HTTP " + status;
            } catch (IOException e) {
                status = -1;
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            stats.failed(status);
            long wait = Math.max(delayMillis, Math.min(retryAfterMillis, maxDelay.toMillis()));
            // Only the first failure of a batch is logged; the progress line counts the rest.
            if (attempt == 1) {
                Log.info(name + " failed (" + problem + "), retrying every " + wait + " ms and more until 200");
            }
            TimeUnit.MILLISECONDS.sleep(wait);
            delayMillis = Math.min(delayMillis * 2, maxDelay.toMillis());
        }
    }

    /** Retry-After in seconds; the HTTP-date form is rare enough to be treated as absent. */
    private static long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
