package org.movetimeline.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parameter values as the repositories bind them. */
final class SqlValues {

    private SqlValues() {
    }

    /** The driver writes OffsetDateTime with its own formatter, much cheaper than Instant.toString(). */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static void setTimestamp(PreparedStatement s, int index, Instant value) throws SQLException {
        s.setObject(index, utc(value), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
