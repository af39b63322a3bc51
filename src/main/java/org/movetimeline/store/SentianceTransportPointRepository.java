package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.movetimeline.sentiance.SentianceKey;
import org.movetimeline.sentiance.TrajectoryPoint;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

import static org.movetimeline.store.SqlValues.setDouble;
import static org.movetimeline.store.SqlValues.setTimestamp;

/** Trajectory waypoints of transports (when sentiance.api.store-points is on); a newer fetch replaces them. */
@ApplicationScoped
public class SentianceTransportPointRepository {

    /** Must run inside the transaction that upserted the transports the points belong to. */
    public void replaceAll(Map<SentianceKey, List<TrajectoryPoint>> pointsByTransport) {
        if (pointsByTransport.isEmpty()) {
            return;
        }
        Panache.getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM sentiance_transport_point WHERE app_id = ? AND user_id = ? AND event_id = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO sentiance_transport_point (app_id, user_id, event_id, seq, ts, lat, lon, speed,"
                                 + " speed_limit, road_type, distance_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (var entry : pointsByTransport.entrySet()) {
                    SentianceKey key = entry.getKey();
                    delete.setString(1, key.appId());
                    delete.setString(2, key.userId());
                    delete.setString(3, key.eventId());
                    delete.addBatch();
                    for (TrajectoryPoint point : entry.getValue()) {
                        insert.setString(1, key.appId());
                        insert.setString(2, key.userId());
                        insert.setString(3, key.eventId());
                        insert.setInt(4, point.seq());
                        setTimestamp(insert, 5, point.ts());
                        insert.setDouble(6, point.lat());
                        insert.setDouble(7, point.lon());
                        setDouble(insert, 8, point.speed());
                        setDouble(insert, 9, point.speedLimit());
                        insert.setString(10, point.roadType());
                        setDouble(insert, 11, point.distanceMeters());
                        insert.addBatch();
                    }
                }
                delete.executeBatch();
                insert.executeBatch();
            }
        });
    }
}
