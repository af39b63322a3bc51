package org.movetimeline.bench;

import org.movetimeline.bench.SignedBatches.SignedBatch;
import org.movetimeline.ingest.IngestConsumer;
import org.movetimeline.simulator.MoveSimulator;
import org.movetimeline.simulator.SimulatorSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark behind bench/run. With the broker and database already up, it starts the simulator
 * (MOVE and Sentiance) in-process and the service as two processes, like the two Deployments of production:
 * <ol>
 * <li>receiver only: warm-up, then closed-loop phases at each BENCH_CONCURRENCY level (throughput and
 *     latency of signed 1000-item batches), then an open-loop phase at half the goal rate (latency);</li>
 * <li>the consumer group is moved past those notifications, the ingest role starts against the simulator,
 *     and an open-loop phase of fresh items measures how fast and with what lag they become rows;</li>
 * <li>the Sentiance phase ({@link SentiancePhase}): Firehose deliveries to the receiver, a new ingest process
 *     fetching from the simulated Sentiance API; the only phase with BENCH_SENTIANCE_ONLY=1;</li>
 * <li>with BENCH_FAULTS=1, the fault phases ({@link FaultPhases}).</li>
 * </ol>
 * The simulator plays both sources throughout, and every service process has the Sentiance settings.
 * Prints progress, writes the report, and ends with the one machine-readable line.
 */
public final class LoadDriver {

    private static final String SECRET = "bench-secret";
    private static final String CREDENTIALS = "1000:bench-key,1001:bench-key-2";
    private static final List<Integer> PROJECTS = List.of(1000, 1001);
    private static final int RECEIVER_POOL_BATCHES = 100;

    private final BenchSettings settings;
    private final SentiancePhase.Settings sentiance;
    private final BenchSettings.Infrastructure infra;

    private LoadDriver(BenchSettings settings, SentiancePhase.Settings sentiance) {
        this.settings = settings;
        this.sentiance = sentiance;
        this.infra = settings.infrastructure();
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings;
        SentiancePhase.Settings sentiance;
        try {
            settings = BenchSettings.fromEnvironment(System.getenv());
            sentiance = SentiancePhase.Settings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(new LoadDriver(settings, sentiance).run());
    }

    private String run() throws Exception {
        Map<String, String> simulatorEnvironment = new HashMap<>(Map.of(
                "SIM_HOST", "127.0.0.1", "SIM_PORT", "0", "SIM_CREDENTIALS", CREDENTIALS,
                "SIM_USERS_PER_PROJECT", Integer.toString(settings.usersPerProject()), "SIM_PROGRESS_INTERVAL", "1h"));
        simulatorEnvironment.putAll(sentiance.simulatorEnvironment());
        SimulatorSettings simulatorSettings = SimulatorSettings.fromEnvironment(simulatorEnvironment);
        try (MoveSimulator simulator = MoveSimulator.start(simulatorSettings)) {
            say("MOVE and Sentiance simulator on " + simulator.baseUrl());
            SignedBatches batches = new SignedBatches(simulator.generator(), PROJECTS, SECRET, "127.0.0.1");
            Map<String, String> environment = serviceEnvironment(simulator);
            WebhookLoad load = new WebhookLoad("127.0.0.1", infra.receiverPort());
            try (ServiceProcess receiver = startRole(ServiceProcess.Role.RECEIVER, environment, infra.receiverPort())) {
                Report.MoveFigures move = sentiance.only() ? null : movePhases(load, batches, environment);
                // Before the fault phases: those leave MOVE notifications in the retry tiers that an ingest process
                // started afterwards would still be working through, on the cores this phase measures.
                SentiancePhase.Result sentianceResult = new SentiancePhase(sentiance, infra, LoadDriver::say).run(
                        simulatorSettings, simulatorEnvironment, simulator.sentiance().orElseThrow(),
                        () -> startRole(ServiceProcess.Role.INGEST, environment, infra.ingestPort()));
                FaultPhases.Settings faultSettings = FaultPhases.Settings.fromEnvironment(System.getenv(), settings);
                FaultPhases.Results faults = sentiance.only() || !faultSettings.enabled() ? null : new FaultPhases(
                        faultSettings, infra, simulatorEnvironment, environment, batches, load, LoadDriver::say).run();
                Report report = new Report(settings, Console.machine(), move, faults, sentianceResult);
                say("report: " + report.write(infra.resultsDir()));
                return report.summaryLine();
            }
        }
    }

    /** The MOVE phases: receiver ramp and half load, end to end, the COPY baseline. */
    private Report.MoveFigures movePhases(WebhookLoad load, SignedBatches batches, Map<String, String> environment)
            throws Exception {
        List<SignedBatch> pool = batches.next(RECEIVER_POOL_BATCHES);
        List<PhaseResult> ramp = new ArrayList<>();
        say("warming up for " + settings.warmupSeconds() + " s");
        load.closedLoop("warm-up", pool, 4, Duration.ofSeconds(settings.warmupSeconds()));
        for (int callers : settings.concurrencies()) {
            PhaseResult phase = load.closedLoop("closed loop", pool, callers, Duration.ofSeconds(settings.phaseSeconds()));
            say(String.format(Locale.ROOT, "%2d callers: %,8.0f items/s  p50 %6.1f ms  p99 %6.1f ms  failed %d",
                    callers, phase.itemsPerSecond(), phase.p50Millis(), phase.p99Millis(), phase.failures()));
            ramp.add(phase);
        }
        PhaseResult halfLoad = openLoop(load, "half load", pool, settings.halfLoadItemsPerS(), settings.openLoopSeconds(), null);
        say(String.format(Locale.ROOT, "half load, %,d items/s: p50 %.1f ms  p99 %.1f ms  max %.1f ms  failed %d",
                settings.halfLoadItemsPerS(), halfLoad.p50Millis(), halfLoad.p99Millis(), halfLoad.maxMillis(),
                halfLoad.failures()));

        long skipped = ConsumerOffsets.skipToEnd(infra.kafkaBootstrap(), IngestConsumer.GROUP,
                "move.timeline.notifications");
        say(String.format(Locale.ROOT, "consumer group moved past the %,d notifications of the receiver phases", skipped));
        EndToEndProbe.Outcome e2e = endToEnd(load, batches, environment);
        // After the ingest process stopped, so that PostgreSQL has the cores to itself.
        EndToEndProbe.CopyBaseline copy = new EndToEndProbe(infra.jdbcUrl(), infra.jdbcUser())
                .copyBaseline(infra.logDir().resolve("timeline_item.copy"));
        say(String.format(Locale.ROOT, "COPY of the same %,d rows: %,.0f rows/s", copy.rows(), copy.rowsPerSecond()));
        return new Report.MoveFigures(ramp, halfLoad, e2e, copy);
    }

    private EndToEndProbe.Outcome endToEnd(WebhookLoad load, SignedBatches batches, Map<String, String> environment)
            throws Exception {
        int count = Math.max(1, settings.e2eItemsPerS() * settings.e2eSeconds() / SignedBatches.ITEMS_PER_BATCH);
        List<SignedBatch> fresh = batches.next(count);
        long[] ackMillis = new long[count];
        EndToEndProbe probe = new EndToEndProbe(infra.jdbcUrl(), infra.jdbcUser());
        try (ServiceProcess ingest = startRole(ServiceProcess.Role.INGEST, environment, infra.ingestPort())) {
            say(String.format(Locale.ROOT, "end to end: %,d items/s for %d s", settings.e2eItemsPerS(), settings.e2eSeconds()));
            long firstSend = System.currentTimeMillis();
            PhaseResult sent = openLoop(load, "end to end", fresh, settings.e2eItemsPerS(), settings.e2eSeconds(), ackMillis);
            say(String.format(Locale.ROOT, "sent; %,d items acknowledged, waiting for the rows", sent.itemsAcknowledged()));
            long rows = probe.awaitRows(sent.itemsAcknowledged(), Duration.ofSeconds(settings.e2eTimeoutSeconds()),
                    r -> say(String.format(Locale.ROOT, "%,d rows", r)));
            if (rows < sent.itemsAcknowledged()) {
                say(String.format(Locale.ROOT, "only %,d of %,d items persisted within %d s", rows, sent.itemsAcknowledged(),
                        settings.e2eTimeoutSeconds()));
            }
            EndToEndProbe.Outcome outcome = probe.measure(fresh, ackMillis, firstSend);
            say(String.format(Locale.ROOT, "end to end: %,.0f items/s persisted, lag p50 %.0f ms p99 %.0f ms",
                    outcome.itemsPerSecond(), outcome.lagP50Millis(), outcome.lagP99Millis()));
            return outcome;
        }
    }

    private static PhaseResult openLoop(WebhookLoad load, String name, List<SignedBatch> batches, int itemsPerSecond,
                                        int seconds, long[] ackMillis) throws InterruptedException {
        int count = Math.max(1, itemsPerSecond * seconds / SignedBatches.ITEMS_PER_BATCH);
        return load.openLoop(name, batches, itemsPerSecond / (double) SignedBatches.ITEMS_PER_BATCH, count,
                ackMillis == null ? new long[count] : ackMillis);
    }

    private ServiceProcess startRole(ServiceProcess.Role role, Map<String, String> environment, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(infra.logDir());
        Path log = infra.logDir().resolve(role.label + ".log");
        say("starting the service as " + role.label + " on :" + port + " (log " + log + ")");
        return ServiceProcess.start(role.label, infra.serviceJar(), infra.serviceJavaOptions(), role.environment(environment),
                port, log);
    }

    /** Every process gets the Sentiance settings too, in the MOVE phases as well: its consumer idles there. */
    private Map<String, String> serviceEnvironment(MoveSimulator simulator) {
        Map<String, String> env = new HashMap<>(ServiceProcess.pipelineEnvironment(SECRET, CREDENTIALS,
                simulator.baseUrl(), infra.kafkaBootstrap(), infra.jdbcUrl(), infra.jdbcUser()));
        env.putAll(sentiance.serviceEnvironment(simulator.baseUrl().toString()));
        return env;
    }

    private static void say(String line) {
        Console.say(line);
    }
}
