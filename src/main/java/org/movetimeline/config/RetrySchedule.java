package org.movetimeline.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How a consumer retries a record whose fetch failed: through the delayed retry tiers, then the DLQ. Both sources'
 * ingest settings extend it, so each default is written once.
 */
public interface RetrySchedule {

    /** Fetch attempts of one record (a notification, a transport message) before it goes to the DLQ. */
    @WithDefault("10")
    int maxAttempts();

    /** Delay before the first retry; it doubles with each further attempt. */
    @WithDefault("30s")
    Duration retryDelay();

    @WithDefault("1h")
    Duration maxRetryDelay();
}
