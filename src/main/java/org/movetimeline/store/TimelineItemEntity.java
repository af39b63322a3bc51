package org.movetimeline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;

/** A stored timeline item, for reading; writes go through {@link TimelineItemRepository#upsertAll}. */
@Entity
@Table(name = "timeline_item")
@IdClass(TimelineItemEntity.Key.class)
public class TimelineItemEntity extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public int projectId;

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    @Column(name = "start_ts")
    public Instant startTs;

    @Column(name = "end_ts")
    public Instant endTs;

    public String type;

    @Column(name = "transport_type")
    public String transportType;

    @Column(name = "distance_m")
    public Double distanceMeters;

    @Column(name = "start_lat")
    public Double startLat;

    @Column(name = "start_lon")
    public Double startLon;

    @Column(name = "end_lat")
    public Double endLat;

    @Column(name = "end_lon")
    public Double endLon;

    @JdbcTypeCode(SqlTypes.JSON)
    public String item;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    public record Key(int projectId, String userId, Instant startTs) implements Serializable {
    }

    public static TimelineItemEntity find(int projectId, String userId, Instant startTs) {
        return findById(new Key(projectId, userId, startTs));
    }
}
