package org.movetimeline.simulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as MOVE writes them: RFC 3339, UTC, whole seconds, trailing {@code Z}. */
final class Rfc3339 {

    private Rfc3339() {
    }

    static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
