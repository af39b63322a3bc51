package org.movetimeline.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.topics.NotificationRecords;

import java.time.Clock;

/** Where a failed notification goes: the retry tier of its attempt count, or the DLQ once attempts run out. */
@ApplicationScoped
public class FailureRouter {

    private final RetryTiers tiers;
    private final int maxAttempts;
    private final NotificationRecords records;
    private final Clock clock;

    @Inject
    public FailureRouter(MoveConfig config, NotificationRecords records) {
        this(tiers(config), config.ingest().maxAttempts(), records, Clock.systemUTC());
    }

    FailureRouter(RetryTiers tiers, int maxAttempts, NotificationRecords records, Clock clock) {
        this.tiers = tiers;
        this.maxAttempts = maxAttempts;
        this.records = records;
        this.clock = clock;
    }

    static RetryTiers tiers(MoveConfig config) {
        return RetryTiers.of(config.topics().retry(), config.ingest().retryDelay(), config.ingest().maxRetryDelay(),
                config.ingest().maxAttempts());
    }

    public RetryTiers tiers() {
        return tiers;
    }

    /** True when {@code failure} goes to a retry tier rather than the DLQ. */
    boolean retries(Failure failure) {
        return failure.retryable() && failure.attemptsBefore() + 1 < maxAttempts;
    }

    ProducerRecord<String, byte[]> route(Failure failure) {
        if (!failure.retryable()) {
            return records.deadLetter(failure.key(), failure.raw(), failure.reason(), NotificationRecords.SOURCE_INGEST,
                    failure.attemptsBefore());
        }
        int attempts = failure.attemptsBefore() + 1;
        if (!retries(failure)) {
            return records.deadLetter(failure.key(), failure.raw(),
                    failure.reason() + " (gave up after " + attempts + " attempts)", NotificationRecords.SOURCE_INGEST, attempts);
        }
        return records.retry(tiers.topicAfter(attempts), failure.key(), failure.raw(), attempts,
                clock.millis() + tiers.delayAfter(attempts).toMillis(), failure.reason());
    }
}
