package org.movetimeline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.topics.ConsumerSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The consumer loops of group move-timeline-ingest. Each keeps up to move.ingest.batches-in-flight poll batches in
 * the stages at once ({@link InFlightBatches}); offsets are committed in poll order, each only after its batch is in
 * the database and its follow-up records are in Kafka, so a crash anywhere replays rather than loses.
 */
@ApplicationScoped
public class IngestConsumer {

    public static final String GROUP = "move-timeline-ingest";
    private static final Logger LOG = Logger.getLogger(IngestConsumer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration POLL_WHILE_BUSY = Duration.ofMillis(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    @Inject
    AppConfig app;
    @Inject
    MoveConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;
    @Inject
    BatchIngestor ingestor;
    @Inject
    FailureRouter router;
    @Inject
    BatchTimeBudget budget;
    @Inject
    MeterRegistry registry;

    private volatile boolean running;
    private List<Thread> threads = List.of();

    void onStart(@Observes StartupEvent event) {
        if (app.ingest().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        budget.requireOneCallFits();
        running = true;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < config.ingest().consumers(); i++) {
            Thread thread = new Thread(this::run, "ingest-consumer-" + i);
            thread.start();
            started.add(thread);
        }
        threads = List.copyOf(started);
    }

    /** True while the loops run, or while they are deliberately stopped; false if one died. */
    public synchronized boolean isAlive() {
        return threads.isEmpty() ? !running : threads.stream().allMatch(Thread::isAlive);
    }

    /** Each loop finishes the batch in hand, commits it, and leaves the group. */
    public synchronized void stop() {
        running = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            for (Thread thread : threads) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads = List.of();
    }

    private void run() {
        RetryGate gate = new RetryGate();
        InFlightBatches inFlight = new InFlightBatches(config.ingest().batchesInFlight());
        List<String> topics = new ArrayList<>();
        topics.add(config.topics().notifications());
        topics.addAll(router.tiers().topics());
        String name = Thread.currentThread().getName();
        ExecutorService stages = Executors.newFixedThreadPool(config.ingest().batchesInFlight(), runnable -> {
            Thread thread = new Thread(runnable, name + "-batch");
            thread.setDaemon(true);
            return thread;
        });
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer)) {
            consumerMetrics.bindTo(registry);
            consumer.subscribe(topics,
                    new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                            // Commit what is done while the partitions are still ours; the rest the next owner reads again.
                            inFlight.drain(consumer);
                            gate.forget(partitions);
                        }

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        }
                    });
            LOG.infof("ingest consumer started: group %s, topics %s", GROUP, topics);
            Duration backoff = Duration.ofMillis(500);
            while (running) {
                InFlightBatches.Progress progress = inFlight.full() ? inFlight.awaitOldest(consumer) : inFlight.commitFinished(consumer);
                if (progress == InFlightBatches.Progress.COMMITTED) {
                    backoff = Duration.ofMillis(500);
                } else if (progress == InFlightBatches.Progress.FAILED) {
                    sleep(backoff);
                    // Capped by a quarter of the poll interval too: a sleeping loop must not be taken for a dead one.
                    Duration cap = MAX_BACKOFF.compareTo(budget.publish()) < 0 ? MAX_BACKOFF : budget.publish();
                    backoff = backoff.multipliedBy(2).compareTo(cap) > 0 ? cap : backoff.multipliedBy(2);
                    continue;
                }
                // While batches are in the stages, poll briefly so that finished ones are committed soon.
                ConsumerRecords<String, byte[]> polled = consumer.poll(inFlight.isEmpty() ? POLL : POLL_WHILE_BUSY);
                long now = System.currentTimeMillis();
                gate.resumeDue(consumer, now);
                if (polled.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> due = new ArrayList<>(polled.count());
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                Map<TopicPartition, Long> first = new HashMap<>();
                for (TopicPartition partition : polled.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : polled.records(partition)) {
                        if (!gate.admit(consumer, record, now)) {
                            break;
                        }
                        first.putIfAbsent(partition, record.offset());
                        due.add(record);
                        next.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                if (!due.isEmpty()) {
                    inFlight.add(new InFlightBatches.Batch(first, next, CompletableFuture.runAsync(
                            () -> ingestor.ingest(due, budget.fetch(), budget.publish()), stages)));
                }
            }
            LOG.info("ingest consumer stopping: finishing its batches, then leaving the group");
            inFlight.drain(consumer);
        } catch (RuntimeException e) {
            LOG.error("ingest consumer died", e);
        } finally {
            stages.shutdownNow();
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = ConsumerSettings.forGroup(kafkaConfig, GROUP);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.ingest().maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) budget.pollInterval().toMillis());
        return props;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
