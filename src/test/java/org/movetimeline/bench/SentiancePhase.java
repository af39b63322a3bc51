package org.movetimeline.bench;

import org.movetimeline.simulator.ApiStats;
import org.movetimeline.simulator.SimulatorSettings;
import org.movetimeline.simulator.sentiance.FirehoseSender;
import org.movetimeline.simulator.sentiance.FirehoseStats;
import org.movetimeline.simulator.sentiance.SentianceSettings;
import org.movetimeline.simulator.sentiance.SentianceSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The Sentiance end-to-end phase of bench/run (alone with {@code --sentiance-only}): the simulator's Firehose
 * sender (gzip, Basic auth, deliveries mixing the users and message types of several apps, 5 % sent twice, 2 %
 * followed by a test payload) POSTs to the receiver process at a fixed rate, the ingest process fetches every
 * transport from the simulator's REST v3 API (its default latency) and stores it; then the phase waits until each
 * distinct transport sent is a row of sentiance_transport and each other message one of sentiance_message, and
 * compares what was sent with what is stored, key by key.
 */
final class SentiancePhase {

    /**
     * @param only            run this phase and nothing else (BENCH_SENTIANCE_ONLY=1, {@code bench/run --sentiance-only})
     * @param messagesPerS    Firehose messages per second, all apps together (BENCH_SENTIANCE_MESSAGES_PER_S, 1000)
     * @param seconds         sending time (BENCH_SENTIANCE_S, 30)
     * @param batch           most messages in one delivery (BENCH_SENTIANCE_BATCH, 100)
     * @param timeoutSeconds  how long the rows may take once the last delivery was accepted (BENCH_SENTIANCE_TIMEOUT_S,
     *                        180: what is missing then counts as lost)
     * @param apps            Sentiance apps, each with its webhook credentials and API key (BENCH_SENTIANCE_APPS, 3)
     * @param usersPerApp     users of each app (BENCH_SENTIANCE_USERS, 500)
     */
    record Settings(boolean only, int messagesPerS, int seconds, int batch, int timeoutSeconds, int apps,
                    int usersPerApp) {

        static Settings fromEnvironment(Map<String, String> env) {
            EnvSource s = new EnvSource(env, "bench/run");
            return new Settings("1".equals(s.text("BENCH_SENTIANCE_ONLY", "0")),
                    s.number("BENCH_SENTIANCE_MESSAGES_PER_S", 1000), s.number("BENCH_SENTIANCE_S", 30),
                    s.number("BENCH_SENTIANCE_BATCH", 100), s.number("BENCH_SENTIANCE_TIMEOUT_S", 180),
                    s.number("BENCH_SENTIANCE_APPS", 3), s.number("BENCH_SENTIANCE_USERS", 500));
        }

        long messages() {
            return (long) messagesPerS * seconds;
        }

        String appId(int n) {
            return "bench-app-" + n;
        }

        /** {@code appId:user:password} of every app, as SENTIANCE_WEBHOOK_CREDENTIALS and the sender take them. */
        String webhookCredentials() {
            return eachApp(n -> appId(n) + ":firehose:bench-firehose-password-" + n);
        }

        /** {@code appId:apiKey} of every app, as SENTIANCE_API_KEYS and the simulated API take them. */
        String apiKeys() {
            return eachApp(n -> appId(n) + ":bench-sentiance-key-" + n);
        }

        /** What the simulator needs to play Sentiance's API for these apps (its Firehose sender stays off). */
        Map<String, String> simulatorEnvironment() {
            return Map.of("SIM_SOURCES", "move,sentiance", "SIM_SENTIANCE_API_KEYS", apiKeys(),
                    "SIM_SENTIANCE_WEBHOOK_CREDENTIALS", webhookCredentials(),
                    "SIM_SENTIANCE_USERS_PER_APP", Integer.toString(usersPerApp));
        }

        /** What every service process gets: the Firehose routes on, the consumer against the simulator. */
        Map<String, String> serviceEnvironment(String simulatorBaseUrl) {
            return Map.of("SENTIANCE_WEBHOOK_CREDENTIALS", webhookCredentials(), "SENTIANCE_API_KEYS", apiKeys(),
                    "SENTIANCE_API_BASE_URL", simulatorBaseUrl);
        }

        /**
         * The simulator's Firehose sender of this phase, aimed at the receiver; {@code simulatorEnvironment} is the
         * simulator's, {@link #simulatorEnvironment()} included.
         */
        SentianceSettings sender(Map<String, String> simulatorEnvironment, int receiverPort) {
            Map<String, String> env = new HashMap<>(simulatorEnvironment);
            env.put("SIM_SENTIANCE_FIREHOSE_URL", "http://127.0.0.1:" + receiverPort);
            env.put("SIM_SENTIANCE_RATE", Integer.toString(messagesPerS));
            env.put("SIM_SENTIANCE_MAX_MESSAGES", Long.toString(messages()));
            env.put("SIM_SENTIANCE_BATCH_SIZE", Integer.toString(batch));
            return SentianceSettings.fromEnvironment(env);
        }

        private String eachApp(IntFunction<String> entry) {
            return IntStream.rangeClosed(1, apps).mapToObj(entry).collect(Collectors.joining(","));
        }
    }

    /**
     * What the phase measured, the sender's own counts (retries, duplicates, test payloads, failed checks), and the
     * share of one core the ingest process used while idle with both consumers subscribed, before the first delivery:
     * what the Sentiance consumer costs the MOVE phases, which run with it configured too.
     */
    record Result(Settings settings, SentianceOutcome outcome, FirehoseStats.Snapshot sender, double idleCpuShare) {
    }

    /** Long enough to see a busy loop or a tight poll; the process has just passed its readiness check. */
    static final Duration IDLE_SAMPLE = Duration.ofSeconds(10);

    /** Starts the ingest role (the driver knows how). */
    interface IngestStarter {
        ServiceProcess start() throws IOException, InterruptedException;
    }

    private final Settings settings;
    private final BenchSettings.Infrastructure infra;
    private final Consumer<String> say;

    SentiancePhase(Settings settings, BenchSettings.Infrastructure infra, Consumer<String> say) {
        this.settings = settings;
        this.infra = infra;
        this.say = say;
    }

    /**
     * Runs the phase against the receiver already on {@code infra.receiverPort()}; the ingest process is started
     * here and stopped at the end.
     */
    Result run(SimulatorSettings simulatorSettings, Map<String, String> simulatorEnvironment, SentianceSource source,
               IngestStarter ingestStarter) throws Exception {
        SentianceSettings senderSettings = settings.sender(simulatorEnvironment, infra.receiverPort());
        SentianceTables tables = new SentianceTables(infra.jdbcUrl(), infra.jdbcUser());
        FirehoseLedger ledger = new FirehoseLedger();
        try (ServiceProcess ingest = ingestStarter.start()) {
            Duration cpuBefore = ingest.cpuTime();
            Thread.sleep(IDLE_SAMPLE.toMillis());
            double idleCpuShare = (ingest.cpuTime().toNanos() - cpuBefore.toNanos()) / (double) IDLE_SAMPLE.toNanos();
            say.accept(String.format(Locale.ROOT, "sentiance: the idle ingest process used %.1f %% of a core over %d s",
                    100 * idleCpuShare, IDLE_SAMPLE.toSeconds()));
            say.accept(String.format(Locale.ROOT, "sentiance: %,d messages/s for %d s, deliveries of up to %d, %d apps x %d users",
                    settings.messagesPerS(), settings.seconds(), settings.batch(), settings.apps(), settings.usersPerApp()));
            ApiStats.Snapshot before = source.apiStats();
            long firstSend = System.currentTimeMillis();
            FirehoseStats.Snapshot sent;
            try (FirehoseSender sender = FirehoseSender.start(senderSettings, simulatorSettings.seed(),
                    simulatorSettings.epoch(), source.events(), ledger::accepted)) {
                // The sender holds its pace back while the receiver is slow; twice the time is room for that.
                if (!sender.awaitCompletion(Duration.ofSeconds(2L * settings.seconds() + 30))) {
                    say.accept("sentiance: the sender did not finish in time; measuring what it delivered");
                }
                sent = sender.stats();
            }
            long transports = ledger.transports().size();
            long others = ledger.others().size();
            say.accept(String.format(Locale.ROOT, "sentiance: %,d messages accepted in %,d deliveries (%,d distinct "
                            + "transports, %,d other messages), %d retried, %d duplicates, %d test payloads%s; waiting for the rows",
                    ledger.messages(), ledger.deliveries(), transports, others, sent.retries(), sent.duplicates(),
                    sent.testPayloads(), sent.checksFailed() > 0 ? ", WEBHOOK CHECKS FAILED: " + sent.checksFailed() : ""));
            SentianceTables.Counts counts = tables.awaitRows(transports, others,
                    Duration.ofSeconds(settings.timeoutSeconds()),
                    c -> say.accept(String.format(Locale.ROOT, "  %,d of %,d transports, %,d of %,d messages",
                            c.transports(), transports, c.messages(), others)));
            ApiStats.Snapshot after = source.apiStats();
            if (!counts.reached(transports, others)) {
                say.accept(String.format(Locale.ROOT, "sentiance: only %,d transports and %,d messages stored within %d s",
                        counts.transports(), counts.messages(), settings.timeoutSeconds()));
            }
            // Kept beside the ingest log: the consumer's and the API client's own counts explain the figures.
            Files.writeString(infra.logDir().resolve("ingest-sentiance.metrics"),
                    ServiceMetrics.scrape(ingest.managementPort()).text());
            SentianceOutcome outcome = SentianceOutcome.of(ledger, firstSend, ledger.lastAcceptedMillis(),
                    tables.transportRows(), tables.messageRows(), after.requests() - before.requests(),
                    statusesSince(before, after));
            say.accept(String.format(Locale.ROOT, "sentiance: %,.0f messages/s accepted, %,.0f transports/s stored, "
                            + "lag p50 %.0f ms p99 %.0f ms, %,.0f API calls/s; lost %d, extra rows %d",
                    outcome.messagesAcceptedPerSecond(), outcome.transportsPerSecond(), outcome.transportLag().p50(),
                    outcome.transportLag().p99(), outcome.apiCallsPerSecond(), outcome.lost(), outcome.extra()));
            return new Result(settings, outcome, sent, idleCpuShare);
        }
    }

    static Map<Integer, Long> statusesSince(ApiStats.Snapshot before, ApiStats.Snapshot after) {
        Map<Integer, Long> since = new TreeMap<>();
        after.statuses().forEach((status, n) -> {
            long d = n - before.count(status);
            if (d > 0) {
                since.put(status, d);
            }
        });
        return since;
    }
}
