package org.movetimeline.ingest.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes items idempotently: a row per key, replaced by any fetch at least as new as the stored one. */
@ApplicationScoped
public class TimelineItemRepository implements PanacheRepositoryBase<TimelineItemEntity, TimelineItemEntity.Key> {

    /** Rows per statement: one round trip carries them all as arrays. */
    private static final int ROWS_PER_STATEMENT = 1000;

    private static final String UPSERT = """
            INSERT INTO timeline_item (project_id, user_id, start_ts, end_ts, type, transport_type, distance_m,
                                       start_lat, start_lon, end_lat, end_lon, item, fetched_at)
            SELECT p, u, s::timestamptz, e::timestamptz, t, tt, d, sla, slo, ela, elo, i::jsonb, f::timestamptz
            FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[],
                        ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::text[], ?::text[])
                 AS row(p, u, s, e, t, tt, d, sla, slo, ela, elo, i, f)
            ON CONFLICT (project_id, user_id, start_ts) DO UPDATE SET
                end_ts = EXCLUDED.end_ts, type = EXCLUDED.type, transport_type = EXCLUDED.transport_type,
                distance_m = EXCLUDED.distance_m, start_lat = EXCLUDED.start_lat, start_lon = EXCLUDED.start_lon,
                end_lat = EXCLUDED.end_lat, end_lon = EXCLUDED.end_lon, item = EXCLUDED.item,
                fetched_at = EXCLUDED.fetched_at
            WHERE timeline_item.fetched_at <= EXCLUDED.fetched_at
            """;

    /** Must run inside a transaction; {@code items} must not repeat a key. */
    public void upsertAll(List<FetchedItem> items) {
        if (items.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                for (int from = 0; from < items.size(); from += ROWS_PER_STATEMENT) {
                    bind(connection, statement, items.subList(from, Math.min(items.size(), from + ROWS_PER_STATEMENT)));
                    statement.executeUpdate();
                }
            }
        });
    }

    private static void bind(Connection c, PreparedStatement s, List<FetchedItem> rows) throws SQLException {
        int n = rows.size();
        Integer[] project = new Integer[n];
        String[] user = new String[n], start = new String[n], end = new String[n], type = new String[n],
                transport = new String[n], json = new String[n], fetched = new String[n];
        Double[] distance = new Double[n], startLat = new Double[n], startLon = new Double[n],
                endLat = new Double[n], endLon = new Double[n];
        for (int i = 0; i < n; i++) {
            FetchedItem row = rows.get(i);
            project[i] = row.key().projectId();
            user[i] = row.key().userId();
            start[i] = row.key().startTs().toString();
            end[i] = row.endTs() == null ? null : row.endTs().toString();
            type[i] = row.type();
            transport[i] = row.transportType();
            distance[i] = row.distanceMeters();
            startLat[i] = row.startLat();
            startLon[i] = row.startLon();
            endLat[i] = row.endLat();
            endLon[i] = row.endLon();
            json[i] = row.json();
            fetched[i] = row.fetchedAt().toString();
        }
        Object[][] columns = {project, user, start, end, type, transport, distance, startLat, startLon, endLat, endLon,
                json, fetched};
        String[] sqlTypes = {"int4", "text", "text", "text", "text", "text", "float8", "float8", "float8", "float8",
                "float8", "text", "text"};
        for (int i = 0; i < columns.length; i++) {
            s.setArray(i + 1, c.createArrayOf(sqlTypes[i], columns[i]));
        }
    }
}
