package org.movetimeline.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the calls to one tenant of an upstream API (a MOVE project, a Sentiance app) are limited, broken and retried;
 * both sources' API settings extend it, so each default is written once.
 */
public interface UpstreamCalls {

    Limit limit();

    Breaker breaker();

    Retry retry();

    /** Calls one tenant may have at the API at once: adapts between min and max, lowered by 429s, raised by successes. */
    interface Limit {
        @WithDefault("4")
        int initial();

        @WithDefault("1")
        int min();

        @WithDefault("16")
        int max();

        /**
         * Longest a call waits for a free slot of its tenant, a Retry-After pause included (must be positive);
         * after that, or at once when the pause ends later, it fails without reaching the API.
         */
        @WithDefault("10s")
        Duration maxWait();
    }

    /** One breaker per tenant, fed only by 5xx answers, timeouts and I/O errors. */
    interface Breaker {
        /** Share of failed calls among the last {@link #window()} that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** Calls the failure ratio is taken over. */
        @WithDefault("20")
        int window();

        /** How long it stays open before trial calls go through again. */
        @WithDefault("30s")
        Duration delay();
    }

    /** Retries within one call (429, 5xx, timeouts, I/O), each through the tenant's limit and breaker. */
    interface Retry {
        @WithDefault("5")
        int maxRetries();

        /** First backoff; it doubles per retry. After a Retry-After answer that call waits as long as it says. */
        @WithDefault("500ms")
        Duration delay();

        /** No retry starts later than this after the first attempt. */
        @WithDefault("60s")
        Duration maxDuration();
    }
}
