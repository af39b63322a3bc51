package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.store.FetchedItem;
import org.movetimeline.testsupport.FakeMoveApi;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The write stage's isolation logic against a scripted database: which failures split, which wait. */
class BatchWriterTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

    static Fetched row(String user, int hour) {
        Instant start = T.plusSeconds(3600L * hour);
        byte[] raw = FakeMoveApi.tripItem(1000, user, start, "CAR").toString().getBytes(StandardCharsets.UTF_8);
        TimelineNotification notification = new TimelineNotification(1000, user, start, raw);
        return new Fetched(new Pending(notification, 0), FetchedItem.from(MAPPER.getFactory(), raw, T), null);
    }

    /** A database that refuses any transaction holding {@code poison}, with {@code state}, and keeps count. */
    static final class ScriptedDatabase {
        final Set<TimelineKey> poison = new HashSet<>();
        final List<List<TimelineKey>> transactions = new ArrayList<>();
        String state = "22P05";
        boolean reachable = true;

        Set<TimelineKey> write(List<Fetched> rows) {
            List<TimelineKey> keys = rows.stream().map(f -> f.item().key()).toList();
            transactions.add(keys);
            if (keys.stream().anyMatch(poison::contains)) {
                throw new IllegalStateException("transaction failed",
                        new SQLException("ERROR: unsupported Unicode escape sequence", state));
            }
            return new HashSet<>(keys);
        }

        void probe() {
            if (!reachable) {
                throw new IllegalStateException("Unable to acquire JDBC Connection");
            }
        }
    }

    @Test
    void oneRefusedItemAmongAThousandIsFoundBySplittingAndTheRestIsWritten() {
        ScriptedDatabase db = new ScriptedDatabase();
        List<Fetched> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(row("u", i));
        }
        db.poison.add(rows.get(617).item().key());
        BatchWriter writer = new BatchWriter(db::write, db::probe, 1);

        RowWriter.Written<Fetched> written = writer.write(rows);

        assertEquals(999, written.changed().size());
        assertEquals(1, written.refused().size());
        Failure refused = written.refused().get(0);
        assertSame(rows.get(617).pending().notification().raw(), refused.raw());
        assertFalse(refused.retryable());
        assertEquals("PostgreSQL refused the item: SQLException: ERROR: unsupported Unicode escape sequence", refused.reason());
        // Halving: two transactions per level of a binary search, not one per item.
        assertTrue(db.transactions.size() <= 2 * 11, db.transactions.size() + " transactions");
    }

    @Test
    void rowsAreWrittenInKeyOrder() {
        ScriptedDatabase db = new ScriptedDatabase();
        new BatchWriter(db::write, db::probe, 1).write(List.of(row("b", 1), row("a", 2), row("a", 1)));

        List<TimelineKey> written = db.transactions.get(0);
        assertEquals(List.of("a", "a", "b"), written.stream().map(TimelineKey::userId).toList());
        assertTrue(written.get(0).startTs().isBefore(written.get(1).startTs()));
    }

    @Test
    void onlyRowsTheDatabaseReportsChangedAreToBeRepublished() {
        List<Fetched> rows = List.of(row("a", 1), row("a", 2));
        TimelineKey unchanged = rows.get(1).item().key();
        BatchWriter writer = new BatchWriter(part -> part.stream().map(f -> f.item().key())
                .filter(k -> !k.equals(unchanged)).collect(Collectors.toSet()), () -> { }, 1);

        assertEquals(List.of(rows.get(0)), writer.write(rows).changed());
    }

    @Test
    void connectionTroubleIsNotTheDataAndGoesUpWithoutSplitting() {
        ScriptedDatabase db = new ScriptedDatabase();
        List<Fetched> rows = List.of(row("a", 1), row("a", 2));
        rows.forEach(r -> db.poison.add(r.item().key()));
        db.state = "08006";

        assertThrows(IllegalStateException.class, () -> new BatchWriter(db::write, db::probe, 1).write(rows));
        assertEquals(1, db.transactions.size());
    }

    @Test
    void anyFailureWhileTheDatabaseDoesNotAnswerGoesUpWithoutSplitting() {
        ScriptedDatabase db = new ScriptedDatabase();
        List<Fetched> rows = List.of(row("a", 1), row("a", 2));
        db.poison.add(rows.get(0).item().key());
        db.state = null;
        db.reachable = false;

        assertThrows(IllegalStateException.class, () -> new BatchWriter(db::write, db::probe, 1).write(rows));
        assertEquals(1, db.transactions.size());
    }

    @Test
    void aFailureWithoutSqlStateWhileTheDatabaseAnswersIsTheData() {
        ScriptedDatabase db = new ScriptedDatabase();
        List<Fetched> rows = List.of(row("a", 1), row("a", 2));
        db.poison.add(rows.get(1).item().key());
        db.state = null;

        RowWriter.Written<Fetched> written = new BatchWriter(db::write, db::probe, 1).write(rows);

        assertEquals(List.of(rows.get(0)), written.changed());
        assertEquals(1, written.refused().size());
    }
}
