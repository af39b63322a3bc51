package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.movetimeline.sentiance.DrivingScores;
import org.movetimeline.sentiance.FetchedTransport;
import org.movetimeline.sentiance.SentianceKey;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.movetimeline.store.SqlValues.setDouble;
import static org.movetimeline.store.SqlValues.setTimestamp;
import static org.movetimeline.store.SqlValues.utc;

/**
 * Writes Sentiance transports idempotently, as {@link TimelineItemRepository} writes MOVE's items: a row per
 * (app, user, event), replaced only by what a later request fetched, since Sentiance refines start, end and mode.
 */
@ApplicationScoped
public class SentianceTransportRepository {

    /** Rows per statement: 29 parameters a row, PostgreSQL allows 32767. */
    private static final int ROWS_PER_STATEMENT = 500;

    private static final String SCORE_COLUMNS = DrivingScores.NAMES.stream().map(name -> "score_" + name)
            .collect(Collectors.joining(", "));
    private static final String INSERT = "INSERT INTO sentiance_transport (app_id, user_id, event_id, start_ts, end_ts,"
            + " mode, distance_m, start_lat, start_lon, end_lat, end_lon, analysis_type, " + SCORE_COLUMNS
            + ", message, event, behavior_scores, fetched_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ".repeat(DrivingScores.NAMES.size())
            + "convert_from(?, 'UTF8')::jsonb, convert_from(?, 'UTF8')::jsonb, convert_from(?, 'UTF8')::jsonb, ?::timestamptz)";
    private static final String ON_CONFLICT = " ON CONFLICT (app_id, user_id, event_id) DO UPDATE SET "
            + "start_ts = EXCLUDED.start_ts, end_ts = EXCLUDED.end_ts, mode = EXCLUDED.mode, distance_m = EXCLUDED.distance_m,"
            + " start_lat = EXCLUDED.start_lat, start_lon = EXCLUDED.start_lon, end_lat = EXCLUDED.end_lat,"
            + " end_lon = EXCLUDED.end_lon, analysis_type = EXCLUDED.analysis_type, "
            + DrivingScores.NAMES.stream().map(name -> "score_" + name + " = EXCLUDED.score_" + name + ", ")
            .collect(Collectors.joining())
            + "message = EXCLUDED.message, event = EXCLUDED.event, behavior_scores = EXCLUDED.behavior_scores,"
            + " fetched_at = EXCLUDED.fetched_at"
            + " WHERE EXCLUDED.fetched_at > sentiance_transport.fetched_at"
            + " RETURNING app_id, user_id, event_id";
    private static final MultiRowStatement<FetchedTransport, SentianceKey> UPSERT = new MultiRowStatement<>(
            INSERT, ROW, ON_CONFLICT, ROWS_PER_STATEMENT, SentianceTransportRepository::bind,
            keys -> new SentianceKey(keys.getString(1), keys.getString(2), keys.getString(3)));

    /**
     * Must run inside a transaction; {@code transports} must not repeat a key, and should come in key order
     * (rows are locked in that order, so two writers of overlapping keys cannot deadlock). The JSON goes as
     * Sentiance's bytes, decoded by the server.
     *
     * @return the keys whose row was inserted or replaced
     */
    public Set<SentianceKey> upsertAll(List<FetchedTransport> transports) {
        Set<SentianceKey> changed = new HashSet<>();
        if (!transports.isEmpty()) {
            Panache.getEntityManager().unwrap(Session.class)
                    .doWork(connection -> UPSERT.execute(connection, transports, changed));
        }
        return changed;
    }

    private static int bind(PreparedStatement s, int p, FetchedTransport row) throws SQLException {
        s.setString(p++, row.key().appId());
        s.setString(p++, row.key().userId());
        s.setString(p++, row.key().eventId());
        s.setObject(p++, utc(row.start()));
        setTimestamp(s, p++, row.end());
        s.setString(p++, row.mode());
        setDouble(s, p++, row.distanceMeters());
        setDouble(s, p++, row.startLat());
        setDouble(s, p++, row.startLon());
        setDouble(s, p++, row.endLat());
        setDouble(s, p++, row.endLon());
        s.setString(p++, row.analysisType());
        for (Double score : row.scores().values()) {
            setDouble(s, p++, score);
        }
        s.setBytes(p++, row.message());
        s.setBytes(p++, row.event());
        s.setBytes(p++, row.behaviorScores());
        s.setObject(p++, utc(row.requestedAt()));
        return p;
    }
}
