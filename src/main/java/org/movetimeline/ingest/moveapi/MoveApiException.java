package org.movetimeline.ingest.moveapi;

import java.time.Duration;
import java.util.Optional;

/** A call to MOVE that did not produce an answer; {@link #getMessage()} is the reason a DLQ record carries. */
public class MoveApiException extends RuntimeException {

    public MoveApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 429, 5xx or an I/O failure: worth trying again soon, after {@link #retryAfter()} if MOVE said. */
    public static final class Transient extends MoveApiException {
        private final transient Duration retryAfter;

        public Transient(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Any other refusal (bad credentials, a request MOVE rejects): retrying at once would not help. */
    public static final class Permanent extends MoveApiException {
        public Permanent(String message) {
            super(message, null);
        }
    }
}
