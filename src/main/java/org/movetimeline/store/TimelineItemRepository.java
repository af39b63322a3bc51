package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import org.movetimeline.timeline.TimelineKey;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.movetimeline.store.SqlValues.setDouble;
import static org.movetimeline.store.SqlValues.setTimestamp;
import static org.movetimeline.store.SqlValues.utc;

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
    private static final MultiRowStatement<FetchedItem, TimelineKey> UPSERT = new MultiRowStatement<>(
            INSERT, ROW, ON_CONFLICT, ROWS_PER_STATEMENT, TimelineItemRepository::bind,
            keys -> new TimelineKey(keys.getInt(1), keys.getString(2), keys.getObject(3, OffsetDateTime.class).toInstant()));

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
        getEntityManager().unwrap(Session.class).doWork(connection -> UPSERT.execute(connection, items, changed));
        return changed;
    }

    private static int bind(PreparedStatement s, int p, FetchedItem row) throws SQLException {
        s.setInt(p++, row.key().projectId());
        s.setString(p++, row.key().userId());
        s.setObject(p++, utc(row.key().startTs()));
        setTimestamp(s, p++, row.endTs());
        s.setString(p++, row.type());
        s.setString(p++, row.transportType());
        setDouble(s, p++, row.distanceMeters());
        setDouble(s, p++, row.startLat());
        setDouble(s, p++, row.startLon());
        setDouble(s, p++, row.endLat());
        setDouble(s, p++, row.endLon());
        s.setBytes(p++, row.raw());
        s.setObject(p++, utc(row.fetchedAt()));
        return p;
    }
}
