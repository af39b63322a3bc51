package org.movetimeline.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.store.GpsPoint;
import org.movetimeline.store.TimelineItemRepository;
import org.movetimeline.store.TimelinePointRepository;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The write stage: upserts a poll batch's items and their points in one transaction. When PostgreSQL refuses
 * the batch for its data, the batch is split in halves down to single items, so the one item it cannot take
 * is dead-lettered with PostgreSQL's own words and every other item is stored. When the database itself is in
 * trouble (unreachable, shutting down, out of resources) the exception goes up and the whole batch waits.
 */
@ApplicationScoped
public class BatchWriter {

    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    private final Function<List<Fetched>, Set<TimelineKey>> transaction;
    private final Runnable probe;
    private final Semaphore writers;

    /** The rows that changed (to republish), and the items PostgreSQL would not take. */
    record Written(List<Fetched> changed, List<Failure> refused) {
    }

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

    /**
     * @param transaction writes its rows in one transaction and returns the keys whose row changed
     * @param probe       throws when the database cannot be reached at all
     * @param writers     writes at once: one per consumer loop, however many batches each has in flight, so that
     *                    batches waiting for MOVE never make the database (or the connection pool) busier than that
     */
    BatchWriter(Function<List<Fetched>, Set<TimelineKey>> transaction, Runnable probe, int writers) {
        this.transaction = transaction;
        this.probe = probe;
        this.writers = new Semaphore(writers);
    }

    Written write(List<Fetched> rows) {
        List<Fetched> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(f -> f.item().key()));
        List<Fetched> changed = new ArrayList<>();
        List<Failure> refused = new ArrayList<>();
        try {
            writers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write", e);
        }
        try {
            write(sorted, changed, refused);
        } finally {
            writers.release();
        }
        return new Written(changed, refused);
    }

    private void write(List<Fetched> part, List<Fetched> changed, List<Failure> refused) {
        if (part.isEmpty()) {
            return;
        }
        Set<TimelineKey> keys;
        try {
            keys = transaction.apply(part);
        } catch (RuntimeException e) {
            if (isInfrastructure(e)) {
                throw e;
            }
            if (part.size() == 1) {
                String reason = "PostgreSQL refused the item: " + rootMessage(e);
                LOG.warnf("dead-lettering %s: %s", part.get(0).item().key(), reason);
                refused.add(Failure.deadLetter(part.get(0).pending(), reason));
                return;
            }
            LOG.infof("PostgreSQL refused a batch of %d items (%s); splitting it to find the item", part.size(), rootMessage(e));
            int half = part.size() / 2;
            write(part.subList(0, half), changed, refused);
            write(part.subList(half, part.size()), changed, refused);
            return;
        }
        part.stream().filter(f -> keys.contains(f.item().key())).forEach(changed::add);
    }

    /**
     * Connection, resource and operator trouble (SQLSTATE classes 08, 53, 57, 58), a deadlock or serialization
     * failure (40), or any failure while the database does not answer a plain query: trouble of everything,
     * not of this data.
     */
    private boolean isInfrastructure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("08", "40", "53", "57", "58").contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        try {
            probe.run();
            return false;
        } catch (RuntimeException probeFailed) {
            return true;
        }
    }

    /** The database's own message (the deepest cause), which is what a person needs to see on the DLQ. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
