package org.movetimeline.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the service's tables over a plain JDBC connection, as a downstream user of the table would. */
public final class Rows {

    private Rows() {
    }

    public static List<Map<String, Object>> query(String sql, Object... params) {
        try (Connection c = Infrastructure.connectToDatabase(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of one user, oldest first, with the item as JSON text. */
    public static List<Map<String, Object>> ofUser(int projectId, String userId) {
        return query("SELECT start_ts, end_ts, type, transport_type, distance_m, start_lat, start_lon, end_lat, end_lon,"
                + " item::text AS item, fetched_at FROM timeline_item WHERE project_id = ? AND user_id = ? ORDER BY start_ts",
                projectId, userId);
    }

    public static long count(int projectId, String userId) {
        return (Long) query("SELECT count(*) AS n FROM timeline_item WHERE project_id = ? AND user_id = ?",
                projectId, userId).get(0).get("n");
    }
}
