package org.movetimeline.ingest.moveapi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written fast path must agree with java.time on every shape, and refuse what java.time refuses. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "2020-10-16T10:13:00Z", "2020-10-16t10:13:00z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
            "2020-10-16T10:13:00.5Z", "2020-10-16T10:13:00.123456789Z", "2020-10-16T10:13:00.120+02:00",
            "2020-10-16T00:30:00+05:30", "2020-10-16T23:30:00-08:00", "2020-01-01T00:00:00-00:00",
            // not the common shape: java.time decides
            "2020-10-16T10:13Z", "2020-10-16T10:13:00+02:00:30", "2020-10-16T10:13:00.Z"})
    void agreesWithJavaTime(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "2020-10-16", "2020-10-16T10:13:00", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z",
            "2020-10-16T24:00:00Z", "2020-10-16T10:60:00Z", "2020-10-16T10:13:00.1234567890Z",
            "2020-10-16T10:13:00+2:00", "2020-1O-16T10:13:00Z", "2020-10-16 10:13:00Z", "1602843180"})
    void refusesWhatJavaTimeRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text));
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }
}
