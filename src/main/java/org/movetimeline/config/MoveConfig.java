package org.movetimeline.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of the pipeline; docs/DESIGN.md names the environment variables that feed them. */
@ConfigMapping(prefix = "move")
public interface MoveConfig {

    Webhook webhook();

    Api api();

    Topics topics();

    Ingest ingest();

    Admin admin();

    interface Webhook {
        /** MOVE_WEBHOOK_SECRETS; several while a secret is being rotated. Required when the receiver runs. */
        Optional<List<String>> secrets();

        /** How long a batch may wait for Kafka's acknowledgement before MOVE is told to come back (503). */
        @WithDefault("5s")
        Duration publishTimeout();

        /** Largest body accepted (413 above); feeds quarkus.http.limits.max-body-size. */
        @WithDefault("4M")
        MemorySize maxBodySize();

        /** Seconds MOVE is asked to wait in Retry-After when Kafka cannot take a batch. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Api extends UpstreamCalls {
        @WithDefault("https://sdk.dolph.in")
        String baseUrl();

        /** MOVE_API_CREDENTIALS: comma-separated {@code projectId:apiKey} pairs. */
        Optional<List<String>> credentials();

        /** Most keys one batch call carries. */
        @WithDefault("100")
        int batchSize();

        /** Also fetch and store the GPS points of each item that has them. */
        @WithDefault("false")
        boolean storePoints();
    }

    interface Topics {
        @WithDefault("move.timeline.notifications")
        String notifications();

        @WithDefault("move.timeline.items")
        String items();

        @WithDefault("move.timeline.notifications.retry")
        String retry();

        @WithDefault("move.timeline.notifications.dlq")
        String dlq();
    }

    interface Ingest extends RetrySchedule {
        @WithDefault("1000")
        int maxPollRecords();

        /**
         * Kafka's max.poll.interval.ms for the ingest consumer: the longest a poll batch may take. Half of it is
         * the budget for MOVE's answers, a quarter for Kafka's acknowledgements.
         */
        @WithDefault("5m")
        Duration maxPollInterval();

        /**
         * Consumer loops per process, each a member of the group with partitions of its own: while one waits
         * for MOVE or the database, another works. More loops than partitions only stand by.
         */
        @WithDefault("2")
        int consumers();

        /**
         * Poll batches each loop has in the stages at once. Their offsets are committed in poll order; while one
         * waits for a slow or retried MOVE answer, the next ones are fetched and written.
         */
        @WithDefault("32")
        int batchesInFlight();
    }

    /** The operator endpoints under /admin on the management port. */
    interface Admin {
        /** MOVE_ADMIN_TOKEN: the bearer token of every admin call; without it the admin endpoints are off. */
        Optional<String> token();

        /**
         * Longest one admin call works through the DLQ (a summary or a replay); what it has not reached by then is
         * reported as left, and the next call goes on from there.
         */
        @WithDefault("30s")
        Duration timeLimit();
    }
}
