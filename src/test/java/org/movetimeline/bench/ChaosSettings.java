package org.movetimeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one chaos soak does, read from CHAOS_* environment variables (bench/chaos lists them and sets the
 * infrastructure ones). The defaults are a run of about five minutes: 100,000 items and two dozen events or so.
 *
 * @param items          items the notifier announces (CHAOS_ITEMS)
 * @param itemsPerSecond pace of the notifier (CHAOS_RATE); it slows down while the receiver refuses, never bursts
 * @param batchSize      most items per webhook call (CHAOS_BATCH_SIZE)
 * @param users          simulated users of each of the two projects (CHAOS_USERS)
 * @param fail429Ratio   share of MOVE API calls the simulator answers 429 (CHAOS_FAIL_429_RATIO)
 * @param fail500Ratio   share answered 500 (CHAOS_FAIL_500_RATIO)
 * @param seed           the event schedule, the simulated data and its failures (CHAOS_SEED)
 * @param kinds          which events happen (CHAOS_EVENTS)
 * @param meanGap        mean wait between one event's recovery and the next event (CHAOS_MEAN_INTERVAL_S)
 * @param maxDown        longest time a killed or stopped part stays down (CHAOS_MAX_DOWN_S)
 * @param notifyTimeout  how long the notifier may take to get every item acknowledged (CHAOS_NOTIFY_TIMEOUT_S)
 * @param drainTimeout   how long the pipeline may then take to account for every item (CHAOS_DRAIN_TIMEOUT_S)
 * @param notes          what the settings changed on their own, for the report (e.g. database events off)
 */
record ChaosSettings(int items, int itemsPerSecond, int batchSize, int users, double fail429Ratio,
                     double fail500Ratio, long seed, List<ChaosEvents.Kind> kinds, Duration meanGap,
                     Duration maxDown, Duration notifyTimeout, Duration drainTimeout, Ports ports, Database database,
                     Infrastructure infrastructure, List<String> notes) {

    static final String DEFAULT_EVENTS = "receiver ingest broker db";

    /**
     * Ports on 127.0.0.1; 0 (the default) means a free one, picked when the soak starts and kept through restarts.
     * The management ports are handed to the service as QUARKUS_MANAGEMENT_PORT, so that a build that serves health on
     * Quarkus's management interface can run twice on one machine.
     */
    record Ports(int receiver, int ingest, int receiverManagement, int ingestManagement, int kafka, int kafkaController) {

        /** These ports with every 0 replaced by a free port. */
        Ports resolve() {
            List<Integer> free = LocalPorts.free(6);
            return new Ports(or(receiver, free.get(0)), or(ingest, free.get(1)), or(receiverManagement, free.get(2)),
                    or(ingestManagement, free.get(3)), or(kafka, free.get(4)), or(kafkaController, free.get(5)));
        }

        private static int or(int port, int free) {
            return port == 0 ? free : port;
        }
    }

    /**
     * The database. {@code own}: a throwaway PostgreSQL cluster the soak creates (initdb), stops and starts as it
     * likes and deletes at the end. {@code external}: a fresh database on a server that may be shared; it is stopped
     * only by the commands given, and without them the soak has no database events.
     *
     * @param port 0: any free port (own cluster)
     */
    record Database(boolean own, String host, int port, String user, String password, String name,
                    Optional<Path> postgresBin, String osUser, Optional<String> stopCommand,
                    Optional<String> startCommand) {

        boolean restartable() {
            return own || (stopCommand.isPresent() && startCommand.isPresent());
        }
    }

    /** Where bench/chaos put the build and the broker's script, and where results and logs go. */
    record Infrastructure(Path serviceJar, List<String> serviceJavaOptions, Path kafkaScript, Path kafkaDir,
                          Path resultsDir, Path logDir) {
    }

    static ChaosSettings fromEnvironment(Map<String, String> env) {
        EnvSource s = new EnvSource(env, "bench/chaos");
        List<String> notes = new ArrayList<>();
        Database database = database(s);
        List<ChaosEvents.Kind> kinds = new ArrayList<>(ChaosEvents.parse(s.words("CHAOS_EVENTS", DEFAULT_EVENTS)));
        if (kinds.contains(ChaosEvents.Kind.DB) && !database.restartable()) {
            if (s.isSet("CHAOS_EVENTS")) {
                throw new IllegalArgumentException("CHAOS_EVENTS has db, but the database is external (CHAOS_DB=external)"
                        + " and may be shared: set CHAOS_DB_STOP_COMMAND and CHAOS_DB_START_COMMAND to allow stopping it,"
                        + " or leave db out");
            }
            kinds.remove(ChaosEvents.Kind.DB);
            notes.add("no database events: the external database is stopped only with CHAOS_DB_STOP_COMMAND and "
                    + "CHAOS_DB_START_COMMAND set");
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("CHAOS_EVENTS names no event; known: " + DEFAULT_EVENTS);
        }
        double fail429 = s.decimal("CHAOS_FAIL_429_RATIO", 0.05, 0, 1);
        double fail500 = s.decimal("CHAOS_FAIL_500_RATIO", 0.05, 0, 1);
        if (fail429 + fail500 > 1) {
            throw new IllegalArgumentException("CHAOS_FAIL_429_RATIO and CHAOS_FAIL_500_RATIO add up to more than 1");
        }
        Ports ports = new Ports(freeOr(s, "CHAOS_RECEIVER_PORT"), freeOr(s, "CHAOS_INGEST_PORT"),
                freeOr(s, "CHAOS_RECEIVER_MANAGEMENT_PORT"), freeOr(s, "CHAOS_INGEST_MANAGEMENT_PORT"),
                freeOr(s, "CHAOS_KAFKA_PORT"), freeOr(s, "CHAOS_KAFKA_CONTROLLER_PORT"));
        Infrastructure infrastructure = new Infrastructure(Path.of(s.required("CHAOS_SERVICE_JAR")),
                List.copyOf(s.words("CHAOS_SERVICE_JAVA_OPTS", "-Xms256m -Xmx1g")), Path.of(s.required("CHAOS_KAFKA_SCRIPT")),
                Path.of(s.required("CHAOS_KAFKA_DIR")), Path.of(s.required("CHAOS_RESULTS_DIR")),
                Path.of(s.required("CHAOS_LOG_DIR")));
        return new ChaosSettings(s.number("CHAOS_ITEMS", 100_000), s.number("CHAOS_RATE", 1000),
                s.number("CHAOS_BATCH_SIZE", 100), s.number("CHAOS_USERS", 2000), fail429, fail500,
                s.whole("CHAOS_SEED", 1, Long.MIN_VALUE, Long.MAX_VALUE), List.copyOf(kinds),
                seconds(s, "CHAOS_MEAN_INTERVAL_S", 3, 0.1), seconds(s, "CHAOS_MAX_DOWN_S", 4, 0),
                Duration.ofSeconds(s.number("CHAOS_NOTIFY_TIMEOUT_S", 900)),
                Duration.ofSeconds(s.number("CHAOS_DRAIN_TIMEOUT_S", 300)), ports, database, infrastructure,
                List.copyOf(notes));
    }

    private static Database database(EnvSource s) {
        String mode = s.text("CHAOS_DB", "own");
        Optional<Path> bin = Optional.ofNullable(s.text("CHAOS_PG_BIN", null)).map(Path::of);
        switch (mode) {
            case "own":
                return new Database(true, "127.0.0.1", (int) s.whole("CHAOS_PG_PORT", 0, 0, 65535), "postgres", "",
                        "move_timeline_chaos", bin, s.text("CHAOS_PG_OS_USER", "postgres"), Optional.empty(),
                        Optional.empty());
            case "external":
                return new Database(false, s.text("PGHOST", "127.0.0.1"), port(s, "PGPORT", 5432),
                        s.text("PGUSER", "postgres"), s.text("PGPASSWORD", ""), s.text("CHAOS_DB_NAME", "move_timeline_chaos"),
                        bin, "", Optional.ofNullable(s.text("CHAOS_DB_STOP_COMMAND", null)),
                        Optional.ofNullable(s.text("CHAOS_DB_START_COMMAND", null)));
            default:
                throw new IllegalArgumentException("CHAOS_DB must be own (a throwaway PostgreSQL cluster) or external"
                        + " (PGHOST/PGPORT/PGUSER), not " + mode);
        }
    }

    /** A port the user set, or 0 for a free one. */
    private static int freeOr(EnvSource s, String name) {
        return (int) s.whole(name, 0, 0, 65535);
    }

    private static int port(EnvSource s, String name, int fallback) {
        return (int) s.whole(name, fallback, 1, 65535);
    }

    private static Duration seconds(EnvSource s, String name, double fallback, double min) {
        return Duration.ofMillis(Math.round(s.decimal(name, fallback, min, 86_400) * 1000));
    }
}
