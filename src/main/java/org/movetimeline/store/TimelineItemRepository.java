package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import org.movetimeline.timeline.TimelineKey;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes items idempotently: a row per key, replaced only by the answer to a later request than the one that
 * wrote it (fetched_at is when that request was sent), so an old answer that arrives late changes nothing.
 */
@ApplicationScoped
public class TimelineItemRepository implements PanacheRepositoryBase<TimelineItemEntity, TimelineItemEntity.Key> {

    /** Rows per statement: one round trip carries them all (13 parameters a row, PostgreSQL allows 32767). */
    private static final int ROWS_PER_STATEMENT = 500;

    private static final String INSERT = """
            INSERT INTO timeline_item (project_id, user_id, start_ts, end_ts, type, transport_type, distance_m,
                                       start_lat, start_lon, end_lat, end_lon, item, fetched_at)
            VALUES """;
    private static final String ROW = "(?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, convert_from(?, 'UTF8')::jsonb, ?::timestamptz)";
    private static final String ON_CONFLICT = """

            ON CONFLICT (project_id, user_id, start_ts) DO UPDATE SET
                end_ts = EXCLUDED.end_ts, type = EXCLUDED.type, transport_type = EXCLUDED.transport_type,
                distance_m = EXCLUDED.distance_m, start_lat = EXCLUDED.start_lat, start_lon = EXCLUDED.start_lon,
                end_lat = EXCLUDED.end_lat, end_lon = EXCLUDED.end_lon, item = EXCLUDED.item,
                fetched_at = EXCLUDED.fetched_at
            WHERE timeline_item.fetched_at < EXCLUDED.fetched_at
            RETURNING project_id, user_id, start_ts
            """;
    private static final String FULL_STATEMENT = upsert(ROWS_PER_STATEMENT);

    /**
     * Must run inside a transaction; {@code items} must not repeat a key, and should come in key order (rows
     * are locked in that order, so two writers of overlapping keys cannot deadlock). Each row is its own set
     * of parameters rather than an element of an array literal, and the item goes as MOVE's bytes (bytea,
     * decoded by the server), so the JSON is neither escaped nor re-encoded on the way.
     *
     * @return the keys whose row was inserted or replaced
     */
    public Set<TimelineKey> upsertAll(List<FetchedItem> items) {
        Set<TimelineKey> changed = new HashSet<>();
        if (items.isEmpty()) {
            return changed;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            int from = 0;
            if (items.size() >= ROWS_PER_STATEMENT) {
                try (PreparedStatement full = connection.prepareStatement(FULL_STATEMENT)) {
                    for (; from + ROWS_PER_STATEMENT <= items.size(); from += ROWS_PER_STATEMENT) {
                        bind(full, items.subList(from, from + ROWS_PER_STATEMENT));
                        readKeys(full, changed);
                    }
                }
            }
            if (from < items.size()) {
                try (PreparedStatement rest = connection.prepareStatement(upsert(items.size() - from))) {
                    bind(rest, items.subList(from, items.size()));
                    readKeys(rest, changed);
                }
            }
        });
        return changed;
    }

    private static void readKeys(PreparedStatement statement, Set<TimelineKey> into) throws SQLException {
        try (ResultSet keys = statement.executeQuery()) {
            while (keys.next()) {
                into.add(new TimelineKey(keys.getInt(1), keys.getString(2), keys.getObject(3, OffsetDateTime.class).toInstant()));
            }
        }
    }

    private static String upsert(int rows) {
        StringBuilder sql = new StringBuilder(INSERT.length() + rows * (ROW.length() + 2) + ON_CONFLICT.length());
        sql.append(INSERT);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.append(ON_CONFLICT).toString();
    }

    private static void bind(PreparedStatement s, List<FetchedItem> rows) throws SQLException {
        int p = 1;
        for (FetchedItem row : rows) {
            s.setInt(p++, row.key().projectId());
            s.setString(p++, row.key().userId());
            s.setObject(p++, utc(row.key().startTs()));
            s.setObject(p++, utc(row.endTs()), Types.TIMESTAMP_WITH_TIMEZONE);
            s.setString(p++, row.type());
            s.setString(p++, row.transportType());
            setDouble(s, p++, row.distanceMeters());
            setDouble(s, p++, row.startLat());
            setDouble(s, p++, row.startLon());
            setDouble(s, p++, row.endLat());
            setDouble(s, p++, row.endLon());
            s.setBytes(p++, row.raw());
            s.setObject(p++, utc(row.fetchedAt()));
        }
    }

    /** The driver writes OffsetDateTime with its own formatter, much cheaper than Instant.toString(). */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
