package org.movetimeline.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.store.GpsPoint;
import org.movetimeline.store.TimelineItemRepository;
import org.movetimeline.store.TimelinePointRepository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * MOVE's write stage: upserts a poll batch's items and their points in one transaction, isolating an item PostgreSQL
 * refuses ({@link RowWriter}: the batch is split down to it, it is dead-lettered with PostgreSQL's words).
 */
@ApplicationScoped
public class BatchWriter {

    private final RowWriter<Fetched, TimelineKey> rows;

    @Inject
    public BatchWriter(TimelineItemRepository items, TimelinePointRepository points, MoveConfig config) {
        this(rows -> QuarkusTransaction.requiringNew().call(() -> {
                    Set<TimelineKey> changed = items.upsertAll(rows.stream().map(Fetched::item).toList());
                    Map<TimelineKey, List<GpsPoint>> changedPoints = new LinkedHashMap<>();
                    rows.stream().filter(r -> r.points() != null && changed.contains(r.item().key()))
                            .forEach(r -> changedPoints.put(r.item().key(), r.points()));
                    points.replaceAll(changedPoints);
                    return changed;
                }),
                () -> QuarkusTransaction.requiringNew().call(() -> items.getEntityManager().createNativeQuery("SELECT 1").getSingleResult()),
                config.ingest().consumers());
    }

    /** See {@link RowWriter#RowWriter}. */
    BatchWriter(Function<List<Fetched>, Set<TimelineKey>> transaction, Runnable probe, int writers) {
        this.rows = new RowWriter<>(transaction, f -> f.item().key(),
                (f, message) -> Failure.deadLetter(f.pending(), "PostgreSQL refused the item: " + message), probe, writers);
    }

    RowWriter.Written<Fetched> write(List<Fetched> fetched) {
        return rows.write(fetched);
    }
}
