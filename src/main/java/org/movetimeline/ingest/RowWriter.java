package org.movetimeline.ingest;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A write stage's isolation logic, whatever its rows: writes a poll batch's rows in one transaction; when PostgreSQL
 * refuses them for their data, splits them in halves down to single rows, so the one row it cannot take is
 * dead-lettered with PostgreSQL's own words and every other row is stored. When the database itself is in trouble
 * (unreachable, shutting down, out of resources) the exception goes up and the whole batch waits.
 *
 * @param <R> a row to write
 * @param <K> its key, in whose order rows are written (so that concurrent transactions take row locks alike)
 */
public final class RowWriter<R, K extends Comparable<K>> {

    private static final Logger LOG = Logger.getLogger(RowWriter.class);

    /** The rows that changed (to republish), and the rows PostgreSQL would not take. */
    public record Written<R>(List<R> changed, List<Failure> refused) {
    }

    private final Function<List<R>, Set<K>> transaction;
    private final Function<R, K> key;
    private final BiFunction<R, String, Failure> refusal;
    private final Runnable probe;
    private final Semaphore writers;

    /**
     * @param transaction writes its rows in one transaction and returns the keys whose row changed
     * @param refusal     the dead letter of a row PostgreSQL refused, given PostgreSQL's message
     * @param probe       throws when the database cannot be reached at all
     * @param writers     writes at once: one per consumer loop, however many batches each has in flight, so that
     *                    batches waiting for an API never make the database (or the connection pool) busier than that
     */
    public RowWriter(Function<List<R>, Set<K>> transaction, Function<R, K> key, BiFunction<R, String, Failure> refusal,
                     Runnable probe, int writers) {
        this.transaction = transaction;
        this.key = key;
        this.refusal = refusal;
        this.probe = probe;
        this.writers = new Semaphore(writers);
    }

    public Written<R> write(List<R> rows) {
        List<R> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(key));
        List<R> changed = new ArrayList<>();
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
        return new Written<>(changed, refused);
    }

    private void write(List<R> part, List<R> changed, List<Failure> refused) {
        if (part.isEmpty()) {
            return;
        }
        Set<K> keys;
        try {
            keys = transaction.apply(part);
        } catch (RuntimeException e) {
            if (isInfrastructure(e)) {
                throw e;
            }
            if (part.size() == 1) {
                Failure failure = refusal.apply(part.get(0), rootMessage(e));
                LOG.warnf("dead-lettering %s: %s", key.apply(part.get(0)), failure.reason());
                refused.add(failure);
                return;
            }
            LOG.infof("PostgreSQL refused a batch of %d rows (%s); splitting it to find the row", part.size(), rootMessage(e));
            int half = part.size() / 2;
            write(part.subList(0, half), changed, refused);
            write(part.subList(half, part.size()), changed, refused);
            return;
        }
        part.stream().filter(r -> keys.contains(key.apply(r))).forEach(changed::add);
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
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
