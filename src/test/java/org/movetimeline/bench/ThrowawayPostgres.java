package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the soak's own: initdb into a temporary directory, a free port on 127.0.0.1, trust
 * authentication, its socket in that directory; stopped and started at will with pg_ctl and deleted at the end.
 * Nobody else uses it, so stopping it harms no one. PostgreSQL refuses to run as root: as root, every command runs as
 * {@code osUser} (runuser), who owns the directory.
 *
 * <p>{@code fsync=off}: a throwaway cluster need not survive the machine crashing, and the soak only kills processes;
 * a commit is still written to the WAL (to the kernel) before it returns, so {@code pg_ctl stop -m immediate} loses
 * nothing that was committed.
 */
final class ThrowawayPostgres implements ChaosDatabase {

    private static final String SUPERUSER = "postgres";

    private final ChaosSettings.Database settings;
    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final List<String> asUser;
    private final Path commandLog;
    private final Path logDir;
    private final Thread stopOnExit;
    private boolean running;

    private ThrowawayPostgres(ChaosSettings.Database settings, Path bin, Path dir, int port, List<String> asUser,
                              Path logDir) {
        this.settings = settings;
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asUser = asUser;
        this.logDir = logDir;
        this.commandLog = logDir.resolve("postgres-commands.log");
        this.stopOnExit = new Thread(this::close, "stop-postgres");
    }

    static ThrowawayPostgres create(ChaosSettings.Database settings, Path logDir) throws IOException, InterruptedException {
        Path bin = settings.postgresBin().orElseGet(ThrowawayPostgres::newestBin);
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("no initdb and pg_ctl in " + bin + "; install PostgreSQL's server package or"
                    + " set CHAOS_PG_BIN to its bin directory (or use CHAOS_DB=external)");
        }
        List<String> asUser = List.of();
        Path dir = Files.createTempDirectory("move-chaos-pg-");
        if (isRoot()) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(settings.osUser());
            Files.setOwner(dir, owner);
            asUser = List.of("runuser", "-u", settings.osUser(), "--");
        }
        int port = settings.port() > 0 ? settings.port() : LocalPorts.free(1).get(0);
        ThrowawayPostgres postgres = new ThrowawayPostgres(settings, bin, dir, port, asUser, logDir);
        Runtime.getRuntime().addShutdownHook(postgres.stopOnExit);
        // bench/chaos removes a cluster that outlives the driver (kill -9) by this file.
        Files.writeString(logDir.resolve("postgres.dir"), dir + "\n");
        try {
            postgres.pg(List.of("initdb", "-D", postgres.data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                    "--no-sync"));
            Files.writeString(postgres.data.resolve("postgresql.conf"), String.join("\n",
                    "", "# move-timeline-ingest chaos soak",
                    "port = " + port,
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + dir + "'",
                    "fsync = off",
                    "max_connections = 100",
                    ""), StandardOpenOption.APPEND);
            postgres.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    @Override
    public void recreate() throws SQLException {
        ChaosDatabase.recreate(serverUrl(), SUPERUSER, "", settings.name());
    }

    private String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port;
    }

    @Override
    public String jdbcUrl() {
        return serverUrl() + "/" + settings.name();
    }

    @Override
    public String user() {
        return SUPERUSER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String describe() {
        return "throwaway PostgreSQL cluster (" + bin + ", data in " + data + ", port " + port
                + (asUser.isEmpty() ? "" : ", run as " + settings.osUser()) + "), stopped with pg_ctl -m fast or -m immediate";
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized void stop(boolean hard) throws IOException, InterruptedException {
        pg(List.of("pg_ctl", "-D", data.toString(), "-m", hard ? "immediate" : "fast", "-w", "-t", "60", "stop"));
        running = false;
    }

    @Override
    public synchronized void start() throws IOException, InterruptedException {
        LocalPorts.requireFree(port, "the soak's PostgreSQL, CHAOS_PG_PORT");
        pg(List.of("pg_ctl", "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "start"));
        running = true;
        awaitAccepting(COMMAND_TIMEOUT);
    }

    /** Stops the cluster, keeps its server log beside the other logs and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (!Files.exists(dir)) {
            return;
        }
        if (running || Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pg(List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
                running = false;
            } catch (IOException e) {
                System.err.println("chaos: pg_ctl stop failed (" + e.getMessage().lines().findFirst().orElse("") + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Path serverLog = dir.resolve("postgres.log");
            if (Files.exists(serverLog)) {
                Files.copy(serverLog, logDir.resolve("postgres.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            Files.deleteIfExists(logDir.resolve("postgres.dir"));
        } catch (IOException e) {
            System.err.println("chaos: could not remove the PostgreSQL cluster in " + dir + ": " + e.getMessage());
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds nothing left to do
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(asUser);
        full.add(bin.resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        Commands.run(full, dir, commandLog, COMMAND_TIMEOUT);
    }

    /** The newest /usr/lib/postgresql/N/bin, where Debian and Ubuntu put the server's programs. */
    private static Path newestBin() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(ThrowawayPostgres::version))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server in " + base + "/*/bin;"
                            + " set CHAOS_PG_BIN to the directory of initdb and pg_ctl (or use CHAOS_DB=external)"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server in " + base + "/*/bin (" + e.getMessage() + ");"
                    + " set CHAOS_PG_BIN to the directory of initdb and pg_ctl (or use CHAOS_DB=external)");
        }
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
