package org.movetimeline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
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
import java.util.function.Consumer;

/**
 * The consumer loops of one group, whatever its records are: each loop keeps up to {@code batchesInFlight} poll
 * batches in the stages at once ({@link InFlightBatches}), holds back retry records until they are due
 * ({@link RetryGate}), and commits offsets in poll order, each only after its batch's handler returned (everything
 * durable), so a crash anywhere replays rather than loses. A handler that throws (trouble of the database or Kafka
 * as a whole) has its batch and every later one read again after a growing pause.
 */
public final class ConsumerLoops {

    private static final Logger LOG = Logger.getLogger(ConsumerLoops.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration POLL_WHILE_BUSY = Duration.ofMillis(5);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /**
     * @param maxBackoff longest pause after a failed batch; below the poll interval, so that a pausing loop is not
     *                   taken for a dead one
     */
    public record Settings(String group, List<String> topics, int loops, int batchesInFlight, int maxPollRecords,
                           Duration pollInterval, Duration maxBackoff) {
    }

    private final Settings settings;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final Consumer<List<ConsumerRecord<String, byte[]>>> handler;
    private volatile boolean running;
    private List<Thread> threads = List.of();

    /** A source's stages for one poll batch, given its shares of the poll interval ({@link BatchTimeBudget}). */
    @FunctionalInterface
    public interface BatchStages {
        void ingest(List<ConsumerRecord<String, byte[]>> batch, Duration fetchBudget, Duration publishTimeout);
    }

    /**
     * The loops of a source's consumer: {@code group} over its {@code incoming} topic and the retry tiers of its
     * {@code router}, polling as the {@code budget} allows (refused at once when one upstream call cannot fit it).
     */
    public static ConsumerLoops of(String group, String incoming, FailureRouter router, int loops, int batchesInFlight,
                                   int maxPollRecords, BatchTimeBudget budget, Map<String, Object> kafkaConfig,
                                   MeterRegistry registry, BatchStages stages) {
        budget.requireOneCallFits();
        List<String> topics = new ArrayList<>();
        topics.add(incoming);
        topics.addAll(router.tiers().topics());
        return new ConsumerLoops(new Settings(group, topics, loops, batchesInFlight, maxPollRecords, budget.pollInterval(),
                budget.publish()), kafkaConfig, registry, batch -> stages.ingest(batch, budget.fetch(), budget.publish()));
    }

    /** @param handler turns one poll batch into durable results; returns only when they are, throws when it cannot */
    public ConsumerLoops(Settings settings, Map<String, Object> kafkaConfig, MeterRegistry registry,
                         Consumer<List<ConsumerRecord<String, byte[]>>> handler) {
        this.settings = settings;
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        this.handler = handler;
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        running = true;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < settings.loops(); i++) {
            Thread thread = new Thread(this::run, settings.group() + "-" + i);
            thread.start();
            started.add(thread);
        }
        threads = List.copyOf(started);
    }

    /** True while the loops run, or while they are deliberately stopped; false if one died. */
    public synchronized boolean isAlive() {
        return threads.isEmpty() ? !running : threads.stream().allMatch(Thread::isAlive);
    }

    /** Each loop finishes the batches in hand, commits them, and leaves the group. */
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
        InFlightBatches inFlight = new InFlightBatches(settings.batchesInFlight());
        String name = Thread.currentThread().getName();
        ExecutorService stages = Executors.newFixedThreadPool(settings.batchesInFlight(), runnable -> {
            Thread thread = new Thread(runnable, name + "-batch");
            thread.setDaemon(true);
            return thread;
        });
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer)) {
            consumerMetrics.bindTo(registry);
            consumer.subscribe(settings.topics(),
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
            LOG.infof("consumer started: group %s, topics %s", settings.group(), settings.topics());
            Duration backoff = FIRST_BACKOFF;
            Duration cap = MAX_BACKOFF.compareTo(settings.maxBackoff()) < 0 ? MAX_BACKOFF : settings.maxBackoff();
            while (running) {
                InFlightBatches.Progress progress = inFlight.full() ? inFlight.awaitOldest(consumer) : inFlight.commitFinished(consumer);
                if (progress == InFlightBatches.Progress.COMMITTED) {
                    backoff = FIRST_BACKOFF;
                } else if (progress == InFlightBatches.Progress.FAILED) {
                    sleep(backoff);
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
                    inFlight.add(new InFlightBatches.Batch(first, next, CompletableFuture.runAsync(() -> handler.accept(due), stages)));
                }
            }
            LOG.infof("consumer of group %s stopping: finishing its batches, then leaving the group", settings.group());
            inFlight.drain(consumer);
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer of group %s died", settings.group());
        } finally {
            stages.shutdownNow();
        }
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = ConsumerSettings.forGroup(kafkaConfig, settings.group());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) settings.pollInterval().toMillis());
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
