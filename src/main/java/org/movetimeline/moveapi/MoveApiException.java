package org.movetimeline.moveapi;

import java.time.Duration;
import java.util.Optional;

/** A call to MOVE that did not produce an answer; {@link #getMessage()} is the reason a DLQ record carries. */
public class MoveApiException extends RuntimeException {

    public MoveApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * 429, 5xx, a timeout, an I/O failure, or a call not sent (the project's breaker open, its limit full): worth
     * trying again soon, after {@link #retryAfter()} if MOVE (or the open breaker) said when.
     */
    public static final class Transient extends MoveApiException {
        private final transient Duration retryAfter;
        private final CallOutcome outcome;

        Transient(String message, CallOutcome outcome, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.outcome = outcome;
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        CallOutcome outcome() {
            return outcome;
        }
    }

    /** Any other refusal (bad credentials, a request MOVE rejects): retrying at once would not help. */
    public static final class Permanent extends MoveApiException {
        public Permanent(String message) {
            super(message, null);
        }
    }
}
