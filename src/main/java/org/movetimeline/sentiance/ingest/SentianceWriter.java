package org.movetimeline.sentiance.ingest;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.ingest.RowWriter;
import org.movetimeline.sentiance.SentianceKey;
import org.movetimeline.sentiance.TrajectoryPoint;
import org.movetimeline.store.SentianceMessageRepository;
import org.movetimeline.store.SentianceTransportPointRepository;
import org.movetimeline.store.SentianceTransportRepository;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write stage: a poll batch's transports with their points in one transaction, its raw messages in another;
 * a row PostgreSQL refuses is isolated ({@link RowWriter}: split down to it, dead-lettered with PostgreSQL's words).
 */
@ApplicationScoped
public class SentianceWriter {

    private final RowWriter<FetchedRow, SentianceKey> transports;
    private final RowWriter<PendingRaw, String> messages;

    @Inject
    public SentianceWriter(SentianceTransportRepository transportRows, SentianceTransportPointRepository points,
                           SentianceMessageRepository messageRows, SentianceConfig config) {
        Runnable probe = () -> QuarkusTransaction.requiringNew()
                .call(() -> Panache.getEntityManager().createNativeQuery("SELECT 1").getSingleResult());
        int writers = config.ingest().consumers();
        this.transports = new RowWriter<>(rows -> QuarkusTransaction.requiringNew().call(() -> {
            Set<SentianceKey> changed = transportRows.upsertAll(rows.stream().map(FetchedRow::transport).toList());
            Map<SentianceKey, List<TrajectoryPoint>> changedPoints = new LinkedHashMap<>();
            rows.stream().filter(r -> r.points() != null && changed.contains(r.transport().key()))
                    .forEach(r -> changedPoints.put(r.transport().key(), r.points()));
            points.replaceAll(changedPoints);
            return changed;
        }), r -> r.transport().key(),
                (r, message) -> r.pending().deadLetter("PostgreSQL refused the transport: " + message), probe, writers);
        // Every message of the batch is kept (or was already): none is republished, so none is "changed".
        this.messages = new RowWriter<>(rows -> QuarkusTransaction.requiringNew().call(() -> {
            messageRows.insertAll(rows.stream().map(PendingRaw::message).toList());
            return new HashSet<String>();
        }), PendingRaw::rowKey, (r, message) -> r.deadLetter("PostgreSQL refused the message: " + message), probe, writers);
    }

    RowWriter.Written<FetchedRow> writeTransports(List<FetchedRow> rows) {
        return transports.write(rows);
    }

    RowWriter.Written<PendingRaw> writeMessages(List<PendingRaw> rows) {
        return messages.write(rows);
    }
}
