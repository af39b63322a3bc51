package org.movetimeline.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 3339 exactly: what it allows reads as java.time would read it, what it does not is refused. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {
            "2020-10-16T10:13:00Z", "2020-10-16t10:13:00z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
            "2020-10-16T10:13:00.5Z", "2020-10-16T10:13:00.123456789Z", "2020-10-16T10:13:00.120+02:00",
            "2020-10-16T00:30:00+05:30", "2020-10-16T23:30:00-08:00", "2020-01-01T00:00:00-00:00",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00"})
    void agreesWithJavaTime(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), Rfc3339.parse(text));
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_214_400L), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(offset));
            assertEquals(OffsetDateTime.parse(text).toInstant(), Rfc3339.parse(text), () -> text + " (seed " + seed + ")");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2020-10-16T10:13:00+23:59, 2020-10-15T10:14:00Z", "2020-10-16T10:13:00-23:59, 2020-10-17T10:12:00Z",
            "2020-10-16T10:13:00.5+19:00, 2020-10-15T15:13:00.5Z"})
    void offsetsPastJavaTimesEighteenHoursAreRfc3339(String text, String utc) {
        assertEquals(Instant.parse(utc), Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "2020-10-16", "2020-10-16T10:13:00", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z", "2020-04-31T00:00:00Z",
            "2020-10-16T24:00:00Z", "2020-10-16T10:60:00Z", "2020-10-16T10:13:00.1234567890Z",
            "2020-10-16T10:13:00+2:00", "2020-1O-16T10:13:00Z", "2020-10-16 10:13:00Z", "1602843180",
            "2020-10-16T10:13:00.5", "2020-10-16T10:13:00ZZ",
            "2020-10-16T10:13:00Z ", " 2020-10-16T10:13:00Z", "2020-10-16T10:13:00+0200",
            "2020-10-16T10:13:00UTC", "2020-10-16T10:13:00+02:00[Europe/Vienna]", "2020-10-16T10:13:00,5Z"})
    void refusesWhatNeitherAccepts(String text) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text));
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // java.time takes these; RFC 3339 has no date-time without seconds, with offset seconds or an empty
            // fraction, nor an offset without minutes or a year that is not four digits
            "2020-10-16T10:13Z", "2020-10-16T10:13+02:00", "2020-10-16T10:13:00+02:00:30", "2020-10-16T10:13:00.Z",
            "2020-10-16T10:13:00+02", "+12020-10-16T10:13:00Z", "-2020-10-16T10:13:00Z"})
    void refusesWhatJavaTimeTakesButRfc3339DoesNot(String text) {
        OffsetDateTime.parse(text);
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2020-10-16T10:13:00+24:00", "2020-10-16T10:13:00-24:00", "2020-10-16T10:13:00+05:60", "2020-10-16T10:13:00+99:99",
            // a leap second: RFC 3339 has it, an Instant cannot hold it, MOVE never sends one
            "2016-12-31T23:59:60Z"})
    void refusesOffsetsAndSecondsOutOfRange(String text) {
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // ASCII digits only: Character.isDigit would take these, and they once became negative nanoseconds
            "2020-10-16T10:13:00.\u0663Z", "2020-10-16T10:13:00.12\u0663Z", "2020-10-16T10:13:00.\uFF15Z",
            "\uFF12020-10-16T10:13:00Z", "2020-10-16T1\u0663:13:00Z", "2020-10-16T10:13:0\u0969Z",
            "2020-10-16T10:13:00+0\u0663:00", "2020-10-16T10:13:00-02:\u06F0\u06F0", "2020-10-16T10:13:00.\uD835\uDFCEZ"})
    void refusesDigitsThatAreNotAscii(String text) {
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"2020-10-16T10:13:00Z, 2020-10-16T10:13:00Z", "2020-10-16T10:13:00.999999999Z, 2020-10-16T10:13:00Z",
            "1969-12-31T23:59:59.5Z, 1969-12-31T23:59:59Z"})
    void formatsAsMoveWritesAndReadsBack(String instant, String written) {
        assertEquals(written, Rfc3339.format(Instant.parse(instant)));
        assertEquals(Instant.parse(written), Rfc3339.parse(written));
    }
}
