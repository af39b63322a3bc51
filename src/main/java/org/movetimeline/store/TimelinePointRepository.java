package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.movetimeline.timeline.TimelineKey;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import static org.movetimeline.store.SqlValues.setDouble;

/** GPS points of trips (when move.api.store-points is on); a newer fetch replaces an item's points. */
@ApplicationScoped
public class TimelinePointRepository {

    /** Must run inside the transaction that upserted the items the points belong to. */
    public void replaceAll(Map<TimelineKey, List<GpsPoint>> pointsByItem) {
        if (pointsByItem.isEmpty()) {
            return;
        }
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM timeline_point WHERE project_id = ? AND user_id = ? AND start_ts = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO timeline_point (project_id, user_id, start_ts, seq, ts, lat, lon, speed, accuracy)"
                                 + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var entry : pointsByItem.entrySet()) {
                    TimelineKey key = entry.getKey();
                    Timestamp start = Timestamp.from(key.startTs());
                    delete.setInt(1, key.projectId());
                    delete.setString(2, key.userId());
                    delete.setTimestamp(3, start);
                    delete.addBatch();
                    int seq = 0;
                    for (GpsPoint point : entry.getValue()) {
                        insert.setInt(1, key.projectId());
                        insert.setString(2, key.userId());
                        insert.setTimestamp(3, start);
                        insert.setInt(4, seq++);
                        insert.setTimestamp(5, point.ts() == null ? null : Timestamp.from(point.ts()));
                        insert.setDouble(6, point.lat());
                        insert.setDouble(7, point.lon());
                        setDouble(insert, 8, point.speed());
                        setDouble(insert, 9, point.accuracy());
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
            }
        });
    }
}
