package org.movetimeline.timeline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * RFC 3339 date-times ({@code 2020-10-16T10:13:00Z}, {@code ...+02:00}, with or without fractions), read by hand
 * and written the way MOVE writes them.
 * Every notification and item carries some and DateTimeFormatter costs more than fetching the item does; and
 * java.time's ISO parser is the wrong judge anyway: it takes what RFC 3339 does not (no seconds, offset seconds,
 * an empty fraction) and refuses offsets past 18 hours, which RFC 3339 allows.
 */
public final class Rfc3339 {

    private static final int[] FRACTION_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} in ASCII digits, {@code T} and {@code Z} in either case,
     * offsets up to ±23:59. Leap seconds ({@code :60}) and more than nine fraction digits are refused too:
     * an Instant holds neither, and MOVE writes neither.
     *
     * @throws DateTimeParseException when {@code text} is not such a date-time
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            throw invalid(text, 0);
        }
        int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
        int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            throw invalid(text, 0);
        }
        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isAsciiDigit(text.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                throw invalid(text, start);
            }
            nanos = digits(text, start, count) * FRACTION_SCALE[count];
        }
        int offsetSeconds;
        if (i == n - 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-') && text.charAt(i + 3) == ':') {
            int offsetHours = digits(text, i + 1, 2), offsetMinutes = digits(text, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
                throw invalid(text, i);
            }
            offsetSeconds = (text.charAt(i) == '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
        } else {
            throw invalid(text, i);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            throw invalid(text, 0);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** As MOVE writes timestamps: UTC, whole seconds, trailing {@code Z}; a fraction is dropped. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static DateTimeParseException invalid(String text, int index) {
        return new DateTimeParseException("not an RFC 3339 date-time", text, index);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The non-negative number in {@code s[from, from+count)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isAsciiDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
