package org.movetimeline.simulator.sentiance;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One generated transport, as the Firehose announced it (the preliminary analysis) and, when {@code refined} is
 * present, the start and mode a later analysis settles on.
 *
 * @param scores present for cars only
 */
record SimTransport(String appId, String userId, String eventId, String mode, OffsetDateTime start,
                    OffsetDateTime end, long distance, SentianceWire.Point startLocation,
                    SentianceWire.Point endLocation, Optional<SentianceWire.CarScores> scores,
                    Optional<Refinement> refined) {

    /** Sentiance's timestamps: milliseconds and the local offset, e.g. {@code 2026-07-01T08:00:00.000+02:00}. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    record Refinement(OffsetDateTime start, String mode) {
    }

    static String time(OffsetDateTime t) {
        return TIME.format(t);
    }
}
