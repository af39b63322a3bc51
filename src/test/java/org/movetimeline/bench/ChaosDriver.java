package org.movetimeline.bench;

import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.MoveSimulator;
import org.movetimeline.simulator.NotificationFeed;
import org.movetimeline.simulator.Notifier;
import org.movetimeline.simulator.NotifierStats;
import org.movetimeline.simulator.SimulatorSettings;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chaos soak behind bench/chaos: proves that nothing is lost while every part of the pipeline fails.
 * It starts a PostgreSQL cluster of its own (or uses an external database), a Kafka broker (bin/kafka-broker), the
 * MOVE simulator in this JVM with failure injection on, and the service's jar twice, as receiver and as ingest
 * processes. The simulator's notifier announces {@link ChaosSettings#items()} items at a steady rate, each batch
 * retried until it gets a 200, while the seeded {@link ChaosEvents} kill -9 and restart the service processes,
 * restart the broker and stop and start PostgreSQL, one event at a time. Once every item is acknowledged it waits
 * until the pipeline has accounted for all of them (row, or DLQ), then judges ({@link Verdict}), writes
 * bench/results/chaos-&lt;time&gt;.md and prints the verdict line last. Exit status 0 on PASS, 1 on FAIL, 2 when the
 * soak itself could not run.
 *
 * <p>It talks to the service only as a deployment's surroundings would: environment variables, the webhook, the
 * health endpoints, and what ends up in {@code timeline_item}, on {@code move.timeline.items} and on the DLQ.
 */
public final class ChaosDriver {

    private static final String SECRET = "chaos-secret";
    private static final String CREDENTIALS = "1000:chaos-key,1001:chaos-key-2";
    private static final String NOTIFICATIONS_TOPIC = "move.timeline.notifications";
    /** The ingest role's consumer group, as the README names it for operators. */
    private static final String INGEST_GROUP = "move-timeline-ingest";
    /** failureThreshold of the liveness probes in k8s/base. */
    private static final int RECEIVER_LIVENESS_FAILURES = 3;
    private static final int INGEST_LIVENESS_FAILURES = 6;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(150);

    private final ChaosSettings settings;
    private final ChaosSettings.Infrastructure infra;
    private final ChaosSettings.Ports ports;
    private final long startedNanos = System.nanoTime();
    private final List<ChaosReport.Entry> log = new ArrayList<>();
    private final Map<ChaosEvents.Kind, Integer> eventCounts = new HashMap<>();
    private final StallMeter stalls = new StallMeter();
    private long lastProgress;
    private long lastSupervision;
    /** Set by the shutdown hook (Ctrl-C, SIGTERM): nothing is started any more, the main thread cleans up. */
    private volatile boolean stopping;
    private volatile boolean finished;

    private ChaosDriver(ChaosSettings settings) {
        this.settings = settings;
        this.infra = settings.infrastructure();
        this.ports = settings.ports().resolve();
    }

    public static void main(String[] args) {
        ChaosSettings settings;
        try {
            settings = ChaosSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream console = System.err;
        ChaosDriver driver = new ChaosDriver(settings);
        Thread main = Thread.currentThread();
        // On Ctrl-C the main thread stops what it is doing and closes every part in order (services, broker,
        // database); the parts' own hooks are only the fallback if it does not manage within the grace period.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!driver.finished) {
                driver.stopping = true;
                main.interrupt();
                try {
                    main.join(STOP_GRACE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "chaos-stop"));
        int status;
        try {
            Files.createDirectories(settings.infrastructure().logDir());
            // The in-process simulator logs every refused batch on stderr; that belongs in a log, not on the console.
            System.setErr(new PrintStream(new FileOutputStream(settings.infrastructure().logDir().resolve("simulator.log").toFile(),
                    true), true));
            Verdict verdict = driver.run();
            System.out.println(verdict.line());
            status = verdict.passed() ? 0 : 1;
        } catch (Exception e) {
            if (driver.stopping || e instanceof Stopped || e instanceof InterruptedException) {
                console.println("chaos: stopped before the end; everything it started is stopped again");
                return; // the JVM is exiting already: System.exit would wait for this very thread
            }
            console.println("chaos: the soak could not run to the end: " + e);
            e.printStackTrace(console);
            status = 2;
        }
        driver.finished = true;
        System.exit(status);
    }

    /** The soak was asked to stop (Ctrl-C, SIGTERM). */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new Stopped();
        }
    }

    private Verdict run() throws Exception {
        say(String.format(Locale.ROOT, "chaos soak: %,d items at %,d items/s; events %s, mean gap %.1f s, down up to %.1f s;"
                        + " seed %d; MOVE API fails %.0f %% (429) + %.0f %% (500)", settings.items(), settings.itemsPerSecond(),
                settings.kinds().stream().map(k -> k.word).toList(), settings.meanGap().toMillis() / 1000.0,
                settings.maxDown().toMillis() / 1000.0, settings.seed(), settings.fail429Ratio() * 100,
                settings.fail500Ratio() * 100));
        settings.notes().forEach(note -> say("note: " + note));
        ZonedDateTime startedAt = ZonedDateTime.now();
        try (ChaosDatabase database = ChaosDatabase.open(settings.database(), infra.logDir());
             BrokerControl broker = startBroker();
             MoveSimulator simulator = MoveSimulator.start(SimulatorSettings.fromEnvironment(simulatorEnvironment(false)));
             SupervisedService receiver = service(ServiceProcess.Role.RECEIVER, database, broker, simulator,
                     ports.receiver(), ports.receiverManagement(), RECEIVER_LIVENESS_FAILURES);
             SupervisedService ingest = service(ServiceProcess.Role.INGEST, database, broker, simulator,
                     ports.ingest(), ports.ingestManagement(), INGEST_LIVENESS_FAILURES);
             PipelineCensus census = new PipelineCensus(broker.bootstrap(), database)) {
            say("database: " + database.describe());
            say("MOVE simulator on " + simulator.baseUrl());
            Parts parts = new Parts(database, broker, receiver, ingest, census);
            try {
                return soak(parts, simulator, startedAt);
            } catch (InterruptedException e) {
                Thread.interrupted(); // so that the parts close gracefully, not at the first wait
                throw new Stopped();
            }
        }
    }

    /** With every part set up: start the services, notify under chaos, drain, judge, report. */
    private Verdict soak(Parts parts, MoveSimulator simulator, ZonedDateTime startedAt) throws Exception {
        for (SupervisedService service : List.of(parts.receiver(), parts.ingest())) {
            say("starting the " + service.role() + " process on :" + service.port() + " (log "
                    + infra.logDir().resolve(service.role() + ".log") + ")");
            service.start();
        }
        SimulatorSettings notifySettings = SimulatorSettings.fromEnvironment(simulatorEnvironment(true));
        Notifier notifier = Notifier.start(notifySettings, simulator.generator());
        long notifyStart = System.nanoTime();
        say("notifier started: " + settings.items() + " items to http://127.0.0.1:" + ports.receiver()
                + "/webhooks/move/timeline");
        try {
            chaos(parts, notifier);
        } finally {
            notifier.close();
        }
        NotifierStats.Snapshot notified = notifier.stats();
        double notifySeconds = secondsSince(notifyStart);
        say(String.format(Locale.ROOT, "notifier %s: %,d of %,d items acknowledged in %.0f s; %d events",
                notifier.isCompleted() ? "done" : "gave up (CHAOS_NOTIFY_TIMEOUT_S)", notified.itemsDelivered(),
                settings.items(), notifySeconds, counts(parts).events()));

        List<ItemKey> acknowledged = acknowledgedKeys(simulator, notifySettings, notified.itemsDelivered());
        long drainStart = System.nanoTime();
        Verdict verdict = drain(parts, acknowledged);
        double drainSeconds = secondsSince(drainStart);
        String bootstrap = parts.broker().bootstrap();
        long notificationRecords = ConsumerOffsets.records(bootstrap, NOTIFICATIONS_TOPIC);
        long lag = ConsumerOffsets.lag(bootstrap, INGEST_GROUP, NOTIFICATIONS_TOPIC);
        ApiStats.Snapshot api = simulator.apiStats();

        ChaosReport report = new ChaosReport(settings, Console.machine(), parts.database().describe(), startedAt, verdict,
                notified, api, notifySeconds, drainSeconds, secondsSince(startedNanos), notificationRecords, lag,
                parts.census(), stalls, log);
        say("report: " + report.write(infra.resultsDir()));
        if (!verdict.passed()) {
            verdict.reasons().forEach(reason -> say("FAIL: " + reason));
        }
        say("logs: " + infra.logDir());
        return verdict;
    }

    /** The parts the events act on. */
    private record Parts(ChaosDatabase database, BrokerControl broker, SupervisedService receiver,
                         SupervisedService ingest, PipelineCensus census) {
    }

    /** Events, one at a time, until the notifier has every item acknowledged (or its time is up). */
    private void chaos(Parts parts, Notifier notifier) throws Exception {
        ChaosEvents schedule = new ChaosEvents(settings.seed(), settings.meanGap(), settings.kinds(), settings.maxDown());
        long deadline = System.nanoTime() + settings.notifyTimeout().toNanos();
        while (!notifier.isCompleted() && System.nanoTime() < deadline) {
            ChaosEvents.Planned next = schedule.next();
            long due = System.nanoTime() + next.gap().toNanos();
            while (System.nanoTime() < due && !notifier.isCompleted() && System.nanoTime() < deadline) {
                tick(parts, notifier);
                Thread.sleep(TICK.toMillis());
            }
            if (notifier.isCompleted() || System.nanoTime() >= deadline) {
                return;
            }
            execute(next, parts);
        }
    }

    private void execute(ChaosEvents.Planned event, Parts parts) throws Exception {
        checkNotStopping();
        double at = secondsSince(startedNanos);
        long begin = System.nanoTime();
        String down = String.format(Locale.ROOT, "%.1f s", event.down().toMillis() / 1000.0);
        String details = switch (event.kind()) {
            case RECEIVER, INGEST -> {
                SupervisedService service = event.kind() == ChaosEvents.Kind.RECEIVER ? parts.receiver() : parts.ingest();
                long pid = service.kill();
                Thread.sleep(event.down().toMillis());
                long restart = System.nanoTime();
                service.start();
                yield String.format(Locale.ROOT, "kill -9 %s (pid %d); down %s; ready %.1f s after restart", service.role(),
                        pid, down, secondsSince(restart));
            }
            case BROKER -> {
                long stop = System.nanoTime();
                if (event.hard()) {
                    parts.broker().kill();
                } else {
                    parts.broker().stop();
                }
                double stopped = secondsSince(stop);
                Thread.sleep(event.down().toMillis());
                long restart = System.nanoTime();
                parts.broker().start();
                yield String.format(Locale.ROOT, "broker %s in %.1f s; down %s; listening %.1f s after restart",
                        event.hard() ? "kill -9" : "stopped (SIGTERM)", stopped, down, secondsSince(restart));
            }
            case DB -> {
                long stop = System.nanoTime();
                parts.database().stop(event.hard());
                double stopped = secondsSince(stop);
                Thread.sleep(event.down().toMillis());
                long restart = System.nanoTime();
                parts.database().start();
                yield String.format(Locale.ROOT, "PostgreSQL stopped (%s) in %.1f s; down %s; accepting %.1f s after restart",
                        event.hard() ? "-m immediate" : "-m fast", stopped, down, secondsSince(restart));
            }
        };
        eventCounts.merge(event.kind(), 1, Integer::sum);
        double took = secondsSince(begin);
        log.add(new ChaosReport.Entry(event.number(), at, event.kind().word, details, took));
        say(String.format(Locale.ROOT, "event %d: %s (%.1f s)", event.number(), details, took));
    }

    /** Waits until every acknowledged item is accounted for, or the drain timeout; the parts stay up meanwhile. */
    private Verdict drain(Parts parts, List<ItemKey> acknowledged) throws Exception {
        say(String.format(Locale.ROOT, "no more events; waiting until all %,d acknowledged items are rows (and on %s) or"
                + " dead-lettered, at most %d s", acknowledged.size(), PipelineCensus.ITEMS_TOPIC,
                settings.drainTimeout().toSeconds()));
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        PipelineCensus census = parts.census();
        while (true) {
            supervise(parts);
            census.refresh();
            long rows = census.rowCount();
            stalls.sample(secondsSince(startedNanos), acknowledged.size(), rows);
            boolean timedOut = System.nanoTime() > deadline;
            if (rows + census.deadLetteredKeys().size() >= acknowledged.size() || timedOut) {
                Verdict verdict = census.verdict(settings.items(), acknowledged, counts(parts), stalls.longestSeconds(),
                        settings.seed());
                if (verdict.settled() || timedOut) {
                    return verdict;
                }
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                lastProgress = System.nanoTime();
                say(String.format(Locale.ROOT, "draining: rows %,d | on %s %,d records | dead-lettered %,d",
                        rows, PipelineCensus.ITEMS_TOPIC, census.itemsTopicRecords(), census.deadLetteredKeys().size()));
            }
            Thread.sleep(1000);
        }
    }

    private void tick(Parts parts, Notifier notifier) throws IOException, InterruptedException {
        if (System.nanoTime() - lastSupervision > Duration.ofSeconds(1).toNanos()) {
            lastSupervision = System.nanoTime();
            supervise(parts);
        }
        if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
            lastProgress = System.nanoTime();
            NotifierStats.Snapshot s = notifier.stats();
            String rows;
            try {
                long count = parts.census().rowCount();
                stalls.sample(secondsSince(startedNanos), s.itemsDelivered(), count);
                rows = String.format(Locale.ROOT, "%,d", count);
            } catch (SQLException e) {
                rows = "? (database not answering)";
            }
            say(String.format(Locale.ROOT, "acknowledged %,d of %,d | rows %s | events %d | notifier retries %,d",
                    s.itemsDelivered(), settings.items(), rows, counts(parts).events(), s.failedAttempts()));
        }
    }

    private void supervise(Parts parts) throws IOException, InterruptedException {
        checkNotStopping();
        for (SupervisedService service : List.of(parts.receiver(), parts.ingest())) {
            Optional<String> action = service.supervise();
            if (action.isPresent()) {
                log.add(new ChaosReport.Entry(0, secondsSince(startedNanos), "supervisor", action.get(), 0));
                say("supervisor: " + action.get());
            }
        }
    }

    private Verdict.EventCounts counts(Parts parts) {
        return new Verdict.EventCounts(eventCounts.getOrDefault(ChaosEvents.Kind.RECEIVER, 0),
                eventCounts.getOrDefault(ChaosEvents.Kind.INGEST, 0), eventCounts.getOrDefault(ChaosEvents.Kind.BROKER, 0),
                eventCounts.getOrDefault(ChaosEvents.Kind.DB, 0),
                parts.receiver().livenessRestarts() + parts.ingest().livenessRestarts(),
                parts.receiver().unexpectedExits() + parts.ingest().unexpectedExits());
    }

    /**
     * The items of the batches answered 200: the notifier sends its batches strictly in order, each until it is
     * acknowledged, so they are the first {@code delivered} items of its feed, which a feed of our own repeats.
     */
    private static List<ItemKey> acknowledgedKeys(MoveSimulator simulator, SimulatorSettings notifySettings, long delivered) {
        NotificationFeed feed = new NotificationFeed(simulator.generator(), List.copyOf(notifySettings.credentials().keySet()));
        List<ItemKey> keys = new ArrayList<>((int) delivered);
        for (long i = 0; i < delivered; i++) {
            keys.add(ItemKey.of(feed.next()));
        }
        return keys;
    }

    private BrokerControl startBroker() throws IOException, InterruptedException {
        say("starting Kafka on 127.0.0.1:" + ports.kafka() + " (controller :" + ports.kafkaController() + ", data in "
                + infra.kafkaDir() + ")");
        return BrokerControl.start(infra.kafkaScript(), infra.kafkaDir(), ports.kafka(), ports.kafkaController(),
                infra.logDir());
    }

    private SupervisedService service(ServiceProcess.Role role, ChaosDatabase database, BrokerControl broker,
                                      MoveSimulator simulator, int port, int managementPort, int livenessFailures) {
        Map<String, String> environment = new HashMap<>(ServiceProcess.pipelineEnvironment(SECRET, CREDENTIALS,
                simulator.baseUrl(), broker.bootstrap(), database.jdbcUrl(), database.user()));
        environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        Path log = infra.logDir().resolve(role.label + ".log");
        return new SupervisedService(new ServiceProcess.Launch(role.label, infra.serviceJar(), infra.serviceJavaOptions(),
                role.environment(environment), port, managementPort, log, true), livenessFailures);
    }

    /** The simulator's settings: its API (failure injection on), and with {@code notifier} the notifier's too. */
    private Map<String, String> simulatorEnvironment(boolean notifier) {
        Map<String, String> env = new HashMap<>(Map.of(
                "SIM_HOST", "127.0.0.1",
                "SIM_PORT", "0",
                "SIM_CREDENTIALS", CREDENTIALS,
                "SIM_USERS_PER_PROJECT", Integer.toString(settings.users()),
                "SIM_SEED", Long.toString(settings.seed()),
                "SIM_FAIL_429_RATIO", Double.toString(settings.fail429Ratio()),
                "SIM_FAIL_500_RATIO", Double.toString(settings.fail500Ratio()),
                "SIM_PROGRESS_INTERVAL", "1h"));
        if (notifier) {
            env.putAll(Map.of(
                    "SIM_NOTIFY_URL", "http://127.0.0.1:" + ports.receiver() + "/webhooks/move/timeline",
                    "SIM_NOTIFY_SECRET", SECRET,
                    "SIM_NOTIFY_RATE", Integer.toString(settings.itemsPerSecond()),
                    "SIM_NOTIFY_MAX_ITEMS", Integer.toString(settings.items()),
                    "SIM_NOTIFY_BATCH_SIZE", Integer.toString(settings.batchSize()),
                    "SIM_NOTIFY_INTERVAL", "1s",
                    // MOVE's own backoff would wait up to 30 s; short retries keep the soak's pace.
                    "SIM_NOTIFY_RETRY_INITIAL", "250ms",
                    "SIM_NOTIFY_RETRY_MAX", "2s"));
        }
        return env;
    }

    private double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void say(String line) {
        Console.say(line);
    }
}
