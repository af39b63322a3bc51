package org.movetimeline.ingest.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.ingest.config.MoveConfig;
import org.movetimeline.ingest.notify.NotificationRecords;
import org.movetimeline.ingest.notify.TimelineNotification;

import java.time.Clock;
import java.time.Duration;

/** Where a notification goes after a failed attempt: the delayed retry topic, or the DLQ once attempts run out. */
@ApplicationScoped
public class RetryPolicy {

    private final MoveConfig.Ingest settings;
    private final NotificationRecords records;
    private final Clock clock;

    @Inject
    public RetryPolicy(MoveConfig config, NotificationRecords records) {
        this(config.ingest(), records, Clock.systemUTC());
    }

    RetryPolicy(MoveConfig.Ingest settings, NotificationRecords records, Clock clock) {
        this.settings = settings;
        this.records = records;
        this.clock = clock;
    }

    /** @param attemptsBefore failed attempts before this one */
    public ProducerRecord<String, byte[]> afterFailure(TimelineNotification notification, int attemptsBefore, String reason) {
        int attempts = attemptsBefore + 1;
        if (attempts >= settings.maxAttempts()) {
            return records.deadLetter(notification.key(), notification.raw(),
                    reason + " (gave up after " + attempts + " attempts)", NotificationRecords.SOURCE_INGEST, attempts);
        }
        return records.retry(notification, attempts, clock.millis() + delay(attempts).toMillis(), reason);
    }

    /** retry-delay, doubling per attempt, capped at max-retry-delay. */
    Duration delay(int attempts) {
        Duration delay = settings.retryDelay();
        for (int i = 1; i < attempts && delay.compareTo(settings.maxRetryDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }
}
