package org.movetimeline.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.RetrySchedule;
import org.movetimeline.topics.FailureRecords;

import java.time.Clock;

/**
 * Where a failed record goes: the retry tier of its attempt count, or the DLQ once attempts run out. The bean is
 * MOVE's; another source's consumer makes its own with its topics.
 */
@ApplicationScoped
public class FailureRouter {

    private final RetryTiers tiers;
    private final int maxAttempts;
    private final String dlqTopic;
    private final Clock clock;

    @Inject
    public FailureRouter(MoveConfig config) {
        this(config.topics().retry(), config.topics().dlq(), config.ingest());
    }

    /** @param retryTopic the prefix of the tiers' names ({@link RetryTiers}) */
    public FailureRouter(String retryTopic, String dlqTopic, RetrySchedule schedule) {
        this(RetryTiers.of(retryTopic, schedule), schedule.maxAttempts(), dlqTopic, Clock.systemUTC());
    }

    public FailureRouter(RetryTiers tiers, int maxAttempts, String dlqTopic, Clock clock) {
        this.tiers = tiers;
        this.maxAttempts = maxAttempts;
        this.dlqTopic = dlqTopic;
        this.clock = clock;
    }

    public RetryTiers tiers() {
        return tiers;
    }

    /** True when {@code failure} goes to a retry tier rather than the DLQ. */
    public boolean retries(Failure failure) {
        return failure.retryable() && failure.attemptsBefore() + 1 < maxAttempts;
    }

    public ProducerRecord<String, byte[]> route(Failure failure) {
        if (!failure.retryable()) {
            return FailureRecords.deadLetter(dlqTopic, failure.key(), failure.raw(), failure.reason(),
                    FailureRecords.SOURCE_INGEST, failure.attemptsBefore());
        }
        int attempts = failure.attemptsBefore() + 1;
        if (!retries(failure)) {
            return FailureRecords.deadLetter(dlqTopic, failure.key(), failure.raw(),
                    failure.reason() + " (gave up after " + attempts + " attempts)", FailureRecords.SOURCE_INGEST, attempts);
        }
        return FailureRecords.retry(tiers.topicAfter(attempts), failure.key(), failure.raw(), attempts,
                clock.millis() + tiers.delayAfter(attempts).toMillis(), failure.reason());
    }
}
