package org.movetimeline.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the second source, Sentiance (docs/DESIGN.md, "Second source: Sentiance"). Everything is off until
 * configured: no Firehose routes without webhook credentials, no consumer without API keys.
 */
@ConfigMapping(prefix = "sentiance")
public interface SentianceConfig {

    Webhook webhook();

    Api api();

    Topics topics();

    Ingest ingest();

    interface Webhook {
        /**
         * SENTIANCE_WEBHOOK_CREDENTIALS: comma-separated {@code appId:user:password}, several per app while one is
         * rotated. Without it the Firehose routes do not exist.
         */
        Optional<List<String>> credentials();

        /**
         * Largest body once gunzipped (413 above); inflating stops there, so a gzip bomb costs nothing. Sentiance sends
         * at most 4 MB before gzip; a body that is not JSON goes to the DLQ whole, so topics must take records this large.
         */
        @WithDefault("4M")
        MemorySize maxInflatedSize();
    }

    interface Api extends UpstreamCalls {
        /** Per region (EU, US, ...): the endpoint Sentiance gave the account. */
        @WithDefault("https://api.sentiance.com")
        String baseUrl();

        /** SENTIANCE_API_KEYS: comma-separated {@code appId:apiKey}; without it no Sentiance consumer runs. */
        Optional<List<String>> keys();

        /** Also fetch and store each transport's trajectory (its waypoints). */
        @WithDefault("false")
        boolean storePoints();
    }

    interface Topics {
        /** One record per Firehose message, key {@code appId:userId}. */
        @WithDefault("sentiance.firehose.messages")
        String messages();

        /** The stored transports, for downstream consumers. */
        @WithDefault("sentiance.transports")
        String transports();

        /** Prefix of the delayed retry tiers ({@code <retry>.<delay>}). */
        @WithDefault("sentiance.firehose.messages.retry")
        String retry();

        @WithDefault("sentiance.firehose.messages.dlq")
        String dlq();
    }

    interface Ingest extends RetrySchedule {
        /** Messages per poll batch: each transport costs one to three calls, so fewer than MOVE's notifications. */
        @WithDefault("200")
        int maxPollRecords();

        /** Kafka's max.poll.interval.ms for the Sentiance consumer; shared out like MOVE's (ingest.BatchTimeBudget). */
        @WithDefault("5m")
        Duration maxPollInterval();

        /** Consumer loops per process, each a member of group sentiance-ingest. */
        @WithDefault("1")
        int consumers();

        /** Poll batches each loop has in the stages at once; offsets are committed in poll order. */
        @WithDefault("8")
        int batchesInFlight();
    }
}
