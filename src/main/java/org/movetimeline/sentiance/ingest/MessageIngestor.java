package org.movetimeline.sentiance.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movetimeline.ingest.BatchPublication;
import org.movetimeline.ingest.Failure;
import org.movetimeline.ingest.FailureRouter;
import org.movetimeline.ingest.RowWriter;
import org.movetimeline.sentiance.FetchedTransport;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.TransportDocument;
import org.movetimeline.topics.RecordPublisher;
import org.movetimeline.topics.SentianceRecords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one poll batch of Firehose records into stored rows by calling the stages in order: parse, fetch, write,
 * then publish the changed transports and route the failures. Returns only when all of that is durable, so the
 * caller may commit the offsets; throws only for trouble of the database or Kafka as a whole.
 */
@ApplicationScoped
public class MessageIngestor {

    private static final Logger LOG = Logger.getLogger(MessageIngestor.class);

    private final MessageParser parser;
    private final TransportFetcher fetcher;
    private final SentianceWriter writer;
    private final FailureRouter router;
    private final RecordPublisher publisher;
    private final SentianceIngestMetrics metrics;
    private final ObjectMapper mapper;
    private final SentianceRecords records;

    @Inject
    public MessageIngestor(ObjectMapper mapper, TransportFetcher fetcher, SentianceWriter writer,
                           SentianceIngestSettings settings, RecordPublisher publisher, SentianceIngestMetrics metrics,
                           SentianceRecords records) {
        this.parser = new MessageParser(mapper);
        this.fetcher = fetcher;
        this.writer = writer;
        this.router = settings.router();
        this.publisher = publisher;
        this.metrics = metrics;
        this.mapper = mapper;
        this.records = records;
    }

    /**
     * @param fetchBudget    how long Sentiance may take for this batch; what it has not answered by then is retried later
     * @param publishTimeout how long Kafka may take to acknowledge what the batch produces
     */
    public void ingest(List<ConsumerRecord<String, byte[]>> batch, Duration fetchBudget, Duration publishTimeout) {
        long started = System.nanoTime();
        MessageParser.Parsed parsed = parser.parse(batch);
        TransportFetcher.Result fetched = fetcher.fetch(parsed.transportsByApp(), fetchBudget);
        RowWriter.Written<FetchedRow> transports = writer.writeTransports(fetched.fetched());
        RowWriter.Written<PendingRaw> messages = writer.writeMessages(parsed.others());

        List<Failure> failures = new ArrayList<>(parsed.unreadable());
        failures.addAll(fetched.failures());
        failures.addAll(transports.refused());
        failures.addAll(messages.refused());
        List<ProducerRecord<String, byte[]>> documents = new ArrayList<>(transports.changed().size());
        for (FetchedRow row : transports.changed()) {
            FetchedTransport transport = row.transport();
            documents.add(records.transport(transport.key(), TransportDocument.toJson(mapper.getFactory(), transport)));
        }
        failures.addAll(BatchPublication.publish(publisher, router, documents, failures,
                (index, reason) -> transports.changed().get(index).pending().deadLetter(reason), publishTimeout));

        count(fetched.fetched().stream().map(r -> r.transport().key().appId()).toList(), transports.refused(),
                FirehoseMessage.TRANSPORT, "stored");
        Map<String, List<String>> keptByType = new HashMap<>();
        parsed.others().forEach(m -> keptByType.computeIfAbsent(FirehoseMessage.typeLabel(m.message().messageType()), t -> new ArrayList<>())
                .add(m.message().appId()));
        keptByType.forEach((type, apps) -> count(apps, messages.refused().stream()
                .filter(f -> type.equals(parser.typeOf(f.raw()))).toList(), type, "kept"));
        int retried = 0;
        for (Failure failure : failures) {
            boolean retries = router.retries(failure);
            retried += retries ? 1 : 0;
            metrics.count(MessageParser.appOf(failure), parser.typeOf(failure.raw()), retries ? "retried" : "dead_lettered", 1);
        }
        metrics.batch(Duration.ofNanos(System.nanoTime() - started));
        if (!failures.isEmpty()) {
            LOG.infof("batch of %d Firehose messages: %d transports stored (%d changed), %d messages kept, %d to retry,"
                            + " %d dead-lettered; first: %s", batch.size(),
                    fetched.fetched().size() - transports.refused().size(), transports.changed().size(),
                    parsed.others().size() - messages.refused().size(), retried, failures.size() - retried,
                    failures.get(0).reason());
        }
    }

    /** Counts {@code outcome} for each app's rows, less the rows PostgreSQL refused. */
    private void count(List<String> appOfEachRow, List<Failure> refused, String type, String outcome) {
        Map<String, Integer> byApp = new HashMap<>();
        appOfEachRow.forEach(app -> byApp.merge(app, 1, Integer::sum));
        refused.forEach(f -> byApp.merge(MessageParser.appOf(f), -1, Integer::sum));
        byApp.forEach((app, n) -> metrics.count(app, type, outcome, n));
    }
}
