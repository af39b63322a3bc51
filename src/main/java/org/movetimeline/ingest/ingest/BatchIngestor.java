package org.movetimeline.ingest.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.movetimeline.ingest.config.MoveConfig;
import org.movetimeline.ingest.moveapi.MoveApiAdapter;
import org.movetimeline.ingest.moveapi.MoveCredentials;
import org.movetimeline.ingest.moveapi.TimelineKey;
import org.movetimeline.ingest.notify.NotificationRecords;
import org.movetimeline.ingest.notify.RecordHeaders;
import org.movetimeline.ingest.notify.RecordPublisher;
import org.movetimeline.ingest.notify.TimelineNotification;
import org.movetimeline.ingest.notify.TimelineNotification.InvalidNotificationException;
import org.movetimeline.ingest.store.FetchedItem;
import org.movetimeline.ingest.store.TimelineItemRepository;
import org.movetimeline.ingest.store.TimelinePointRepository;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Turns one poll batch of notification records into stored items: collapse duplicate keys, fetch per
 * project in chunks, upsert everything in one transaction, then publish items and failures. Returns only
 * when all of that is durable, so the caller may commit the offsets; throws if it is not.
 */
@ApplicationScoped
public class BatchIngestor {

    private static final Logger LOG = Logger.getLogger(BatchIngestor.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MoveConfig config;
    @Inject
    ObjectMapper mapper;
    @Inject
    MoveApiAdapter moveApi;
    @Inject
    MoveCredentials credentials;
    @Inject
    TimelineItemRepository items;
    @Inject
    TimelinePointRepository points;
    @Inject
    NotificationRecords records;
    @Inject
    RetryPolicy retryPolicy;
    @Inject
    RecordPublisher publisher;
    @Inject
    IngestMetrics metrics;

    private ExecutorService fetchers;

    /** A notification and the number of fetch attempts it already had. */
    record Pending(TimelineNotification notification, int attempts) {
        TimelineKey key() {
            return new TimelineKey(notification.projectId(), notification.userId(), notification.startTime());
        }
    }

    /** What one batch call brought back: items, or the reason it failed. */
    private record ChunkResult(List<Pending> asked, List<FetchedItem> items, String failure) {
    }

    public void ingest(List<ConsumerRecord<String, byte[]>> batch) {
        long started = System.nanoTime();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Map<TimelineKey, Pending> unique = collapse(batch, out);

        List<CompletableFuture<ChunkResult>> calls = new ArrayList<>();
        for (var project : groupByProject(unique.values()).entrySet()) {
            if (credentials.authorization(project.getKey()).isEmpty()) {
                String reason = "no MOVE API credentials for project " + project.getKey() + " (add it to MOVE_API_CREDENTIALS)";
                project.getValue().forEach(p -> out.add(records.deadLetter(p.notification().key(),
                        p.notification().raw(), reason, NotificationRecords.SOURCE_INGEST, p.attempts())));
                continue;
            }
            List<Pending> keys = project.getValue();
            for (int from = 0; from < keys.size(); from += config.api().batchSize()) {
                List<Pending> chunk = keys.subList(from, Math.min(keys.size(), from + config.api().batchSize()));
                calls.add(CompletableFuture.supplyAsync(() -> fetch(project.getKey(), chunk), fetchers()));
            }
        }

        Map<TimelineKey, FetchedItem> fetched = new LinkedHashMap<>();
        Map<TimelineKey, List<JsonNode>> gpsPoints = new HashMap<>();
        for (CompletableFuture<ChunkResult> call : calls) {
            ChunkResult result = call.join();
            Map<TimelineKey, FetchedItem> returned = new HashMap<>();
            result.items().forEach(item -> returned.put(item.key(), item));
            fetched.putAll(returned);
            for (Pending asked : result.asked()) {
                String reason = result.failure() != null ? result.failure()
                        : returned.containsKey(asked.key()) ? pointsFailure(returned.get(asked.key()), gpsPoints)
                        : "not returned by the MOVE batch API";
                if (reason != null) {
                    out.add(retryPolicy.afterFailure(asked.notification(), asked.attempts(), reason));
                }
            }
        }

        List<FetchedItem> rows = List.copyOf(fetched.values());
        QuarkusTransaction.requiringNew().run(() -> {
            items.upsertAll(rows);
            points.replaceAll(gpsPoints);
        });
        for (FetchedItem row : rows) {
            out.add(records.item(row.key().projectId(), row.key().userId(), row.raw()));
        }
        publisher.publishAll(out, PUBLISH_TIMEOUT);

        int retried = count(out, config.topics().retry());
        int deadLettered = count(out, config.topics().dlq());
        metrics.batch(rows.size(), rows.size(), retried, deadLettered, Duration.ofNanos(System.nanoTime() - started));
        if (retried > 0 || deadLettered > 0) {
            LOG.infof("batch of %d notifications: %d items stored, %d to retry, %d dead-lettered",
                    batch.size(), rows.size(), retried, deadLettered);
        }
    }

    private static int count(List<ProducerRecord<String, byte[]>> out, String topic) {
        return (int) out.stream().filter(r -> r.topic().equals(topic)).count();
    }

    private Map<TimelineKey, Pending> collapse(List<ConsumerRecord<String, byte[]>> batch,
                                               List<ProducerRecord<String, byte[]>> out) {
        Map<TimelineKey, Pending> unique = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            int attempts = (int) RecordHeaders.getLong(record.headers(), RecordHeaders.ATTEMPT, 0);
            TimelineNotification notification;
            try {
                notification = TimelineNotification.from(mapper.readTree(record.value()), record.value());
            } catch (IOException | InvalidNotificationException e) {
                out.add(records.deadLetter(record.key(), record.value(), "unreadable notification: " + e.getMessage(),
                        NotificationRecords.SOURCE_INGEST, attempts));
                continue;
            }
            // A repeat delivery of a key is fetched once; the copy with the fewest attempts sets the budget.
            unique.merge(new Pending(notification, attempts).key(), new Pending(notification, attempts),
                    (a, b) -> a.attempts() <= b.attempts() ? a : b);
        }
        return unique;
    }

    private static Map<Integer, List<Pending>> groupByProject(Iterable<Pending> pending) {
        Map<Integer, List<Pending>> byProject = new LinkedHashMap<>();
        pending.forEach(p -> byProject.computeIfAbsent(p.notification().projectId(), k -> new ArrayList<>()).add(p));
        return byProject;
    }

    private ChunkResult fetch(int projectId, List<Pending> chunk) {
        try {
            var answer = moveApi.fetchItems(projectId, chunk.stream().map(Pending::key).toList());
            Instant fetchedAt = answer.requestedAt();
            List<FetchedItem> fetchedItems = new ArrayList<>(answer.value().size());
            for (byte[] item : answer.value()) {
                try {
                    fetchedItems.add(FetchedItem.from(mapper.getFactory(), item, fetchedAt));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("MOVE returned an item for project %d that cannot be keyed: %s", projectId, e.getMessage());
                }
            }
            return new ChunkResult(chunk, fetchedItems, null);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return new ChunkResult(chunk, List.of(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** Fetches a trip's GPS points when storing them is on; returns why that failed, or null. */
    private String pointsFailure(FetchedItem item, Map<TimelineKey, List<JsonNode>> gpsPoints) {
        if (!config.api().storePoints() || item.distanceMeters() == null) {
            return null;
        }
        try {
            gpsPoints.put(item.key(), moveApi.fetchPoints(item.key()));
            return null;
        } catch (RuntimeException e) {
            return "points: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private synchronized ExecutorService fetchers() {
        if (fetchers == null) {
            fetchers = Executors.newFixedThreadPool(config.api().concurrency(), r -> {
                Thread thread = new Thread(r, "move-api-fetch");
                thread.setDaemon(true);
                return thread;
            });
        }
        return fetchers;
    }

    @PreDestroy
    synchronized void shutdown() {
        if (fetchers != null) {
            fetchers.shutdownNow();
        }
    }
}
