package org.movetimeline.receiver;

import java.util.UUID;

/** The id every log line of one webhook call carries (JSON logs: mdc.requestId), and so does its answer. */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private RequestId() {
    }

    /** The caller's id when it is usable, else a fresh one: a long or blank header would only clutter the logs. */
    public static String of(String offered) {
        return offered == null || offered.isBlank() || offered.length() > 128 ? UUID.randomUUID().toString() : offered;
    }
}
