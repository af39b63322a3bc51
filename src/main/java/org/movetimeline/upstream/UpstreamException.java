package org.movetimeline.upstream;

import java.time.Duration;
import java.util.Optional;

/** A call to an upstream API that did not produce an answer; {@link #getMessage()} is the reason a DLQ record carries. */
public class UpstreamException extends RuntimeException {

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * 429, 5xx, a timeout, an I/O failure, an answer meaning "not yet", or a call not sent (the tenant's breaker open,
     * its limit full): worth trying again, after {@link #retryAfter()} if the API (or the open breaker) said when.
     */
    public static final class Transient extends UpstreamException {
        private final transient Duration retryAfter;
        private final CallOutcome outcome;

        /** {@code retryAfter} and {@code cause} may be null. */
        public Transient(String message, CallOutcome outcome, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.outcome = outcome;
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        public CallOutcome outcome() {
            return outcome;
        }
    }

    /** Any other refusal (bad credentials, a request the API rejects): retrying at once would not help. */
    public static final class Permanent extends UpstreamException {
        public Permanent(String message) {
            super(message, null);
        }
    }
}
