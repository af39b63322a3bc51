package org.movetimeline.ingest;

/**
 * A record this attempt could not turn into a row, and why. {@code retryable} ones go through the delayed retry
 * tiers (until attempts run out), the others straight to the DLQ. {@code raw} may be null (a record without a value).
 */
public record Failure(String key, byte[] raw, int attemptsBefore, String reason, boolean retryable) {

    static Failure retry(Pending pending, String reason) {
        return new Failure(pending.notification().key(), pending.notification().raw(), pending.attempts(), reason, true);
    }

    static Failure deadLetter(Pending pending, String reason) {
        return new Failure(pending.notification().key(), pending.notification().raw(), pending.attempts(), reason, false);
    }
}
