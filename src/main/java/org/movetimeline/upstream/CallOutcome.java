package org.movetimeline.upstream;

/** How one attempt at an upstream call ended; {@link #tag} is its value of the metrics tag {@code outcome}. */
public enum CallOutcome {
    OK("ok", false, false),
    RATE_LIMITED("429", true, false),
    SERVER_ERROR("5xx", true, true),
    TIMEOUT("timeout", true, true),
    IO("io", true, true),
    /** "Not there yet" (Sentiance): worth asking again later through the retry tiers, not within the call. */
    NOT_FOUND("404", false, false),
    /** Any other 4xx: the API refuses the request itself, so neither a retry nor a breaker helps. */
    CLIENT_ERROR("4xx", false, false),
    /** Not sent: the tenant's breaker was open, or no slot of its limit came free in time. */
    REFUSED("refused", false, false);

    final String tag;
    final boolean worthRetrying;
    /** 429 is absent on purpose: it means "slower", which the limit takes care of, not "broken". */
    final boolean countsTowardBreaker;

    CallOutcome(String tag, boolean worthRetrying, boolean countsTowardBreaker) {
        this.tag = tag;
        this.worthRetrying = worthRetrying;
        this.countsTowardBreaker = countsTowardBreaker;
    }

    static CallOutcome of(UpstreamException failure) {
        return failure instanceof UpstreamException.Transient t ? t.outcome() : CLIENT_ERROR;
    }
}
