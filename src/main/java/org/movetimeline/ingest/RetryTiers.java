package org.movetimeline.ingest;

import org.movetimeline.config.RetrySchedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delayed retry topics: one per delay step, named {@code <retry topic>.<delay>}. Every record of a tier
 * waits the same time, so within a partition they fall due in the order they were written, and a retry due
 * in 30 s never waits behind one due in an hour.
 */
public final class RetryTiers {

    private final Map<Duration, String> topicByDelay;
    private final List<Duration> delayByAttempt;

    private RetryTiers(List<Duration> delayByAttempt, Map<Duration, String> topicByDelay) {
        this.delayByAttempt = delayByAttempt;
        this.topicByDelay = topicByDelay;
    }

    /** The tiers of {@code schedule}, named after {@code retryTopic}. */
    public static RetryTiers of(String retryTopic, RetrySchedule schedule) {
        return of(retryTopic, schedule.retryDelay(), schedule.maxRetryDelay(), schedule.maxAttempts());
    }

    /** Delay before attempt n+1 is {@code firstDelay} doubled n-1 times, capped; attempts run out at {@code maxAttempts}. */
    public static RetryTiers of(String retryTopic, Duration firstDelay, Duration maxDelay, int maxAttempts) {
        List<Duration> delays = new ArrayList<>();
        Map<Duration, String> topics = new LinkedHashMap<>();
        Duration delay = firstDelay.compareTo(maxDelay) > 0 ? maxDelay : firstDelay;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            delays.add(delay);
            topics.putIfAbsent(delay, retryTopic + "." + label(delay));
            delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
        }
        return new RetryTiers(List.copyOf(delays), topics);
    }

    /** The tier topics, shortest delay first. */
    public List<String> topics() {
        return List.copyOf(topicByDelay.values());
    }

    /** How long a notification waits after its {@code attempts}-th failed attempt (1-based). */
    public Duration delayAfter(int attempts) {
        return delayByAttempt.get(Math.min(attempts, delayByAttempt.size()) - 1);
    }

    public String topicAfter(int attempts) {
        return topicByDelay.get(delayAfter(attempts));
    }

    /** 30s, 2m, 1h, 300ms: short, and stable for a given delay, since topic names are made of it. */
    static String label(Duration delay) {
        long ms = delay.toMillis();
        if (ms > 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        } else if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        } else if (ms > 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
