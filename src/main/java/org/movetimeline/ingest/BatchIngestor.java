package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movetimeline.topics.NotificationRecords;
import org.movetimeline.topics.RecordPublisher;
import org.movetimeline.store.FetchedItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one poll batch of notification records into stored items by calling the stages in order: collapse,
 * fetch, write, then publish the changed items and route the failures. Returns only when all of that is
 * durable, so the caller may commit the offsets; throws only for trouble of the database or Kafka as a whole.
 */
@ApplicationScoped
public class BatchIngestor {

    private static final Logger LOG = Logger.getLogger(BatchIngestor.class);
    private static final AttributeKey<Long> STORED = AttributeKey.longKey("move.items.stored");
    private static final AttributeKey<Long> CHANGED = AttributeKey.longKey("move.items.changed");
    private static final AttributeKey<Long> RETRIED = AttributeKey.longKey("move.items.retried");
    private static final AttributeKey<Long> DEAD_LETTERED = AttributeKey.longKey("move.items.dead_lettered");

    private final BatchCollapser collapser;
    private final ItemFetcher fetcher;
    private final BatchWriter writer;
    private final FailureRouter router;
    private final NotificationRecords records;
    private final RecordPublisher publisher;
    private final IngestMetrics metrics;
    private final BatchTracing tracing;

    @Inject
    public BatchIngestor(ObjectMapper mapper, ItemFetcher fetcher, BatchWriter writer, FailureRouter router,
                         NotificationRecords records, RecordPublisher publisher, IngestMetrics metrics,
                         BatchTracing tracing) {
        this.collapser = new BatchCollapser(mapper);
        this.fetcher = fetcher;
        this.writer = writer;
        this.router = router;
        this.records = records;
        this.publisher = publisher;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * @param fetchBudget how long MOVE may take for this batch; what it has not answered by then is retried later
     * @param publishTimeout how long Kafka may take to acknowledge what the batch produces
     */
    public void ingest(List<ConsumerRecord<String, byte[]>> batch, Duration fetchBudget, Duration publishTimeout) {
        tracing.around(batch, () -> runStages(batch, fetchBudget, publishTimeout));
    }

    private void runStages(List<ConsumerRecord<String, byte[]>> batch, Duration fetchBudget, Duration publishTimeout) {
        long started = System.nanoTime();
        BatchCollapser.Collapsed collapsed = collapser.collapse(batch);
        ItemFetcher.Result fetched = tracing.stage("fetch from MOVE", () -> fetcher.fetch(collapsed.byProject(), fetchBudget));
        RowWriter.Written<Fetched> written = tracing.stage("write timeline_item", () -> writer.write(fetched.fetched()));

        List<Failure> failures = new ArrayList<>(collapsed.unreadable());
        failures.addAll(fetched.failures());
        failures.addAll(written.refused());
        List<ProducerRecord<String, byte[]>> items = new ArrayList<>(written.changed().size());
        for (Fetched row : written.changed()) {
            FetchedItem item = row.item();
            items.add(records.item(item.key().projectId(), item.key().userId(), item.raw()));
        }
        failures.addAll(BatchPublication.publish(publisher, router, items, failures,
                (index, reason) -> Failure.deadLetter(written.changed().get(index).pending(), reason), publishTimeout));

        int retried = (int) failures.stream().filter(router::retries).count();
        int deadLettered = failures.size() - retried;
        int stored = fetched.fetched().size() - written.refused().size();
        metrics.batch(fetched.fetched().size(), stored, written.changed().size(), retried, deadLettered,
                Duration.ofNanos(System.nanoTime() - started));
        Span.current().setAttribute(STORED, stored).setAttribute(CHANGED, written.changed().size())
                .setAttribute(RETRIED, retried).setAttribute(DEAD_LETTERED, deadLettered);
        if (!failures.isEmpty()) {
            LOG.infof("batch of %d notifications: %d items stored (%d changed), %d to retry, %d dead-lettered; first: %s",
                    batch.size(), stored, written.changed().size(), retried, deadLettered, failures.get(0).reason());
        }
    }
}
