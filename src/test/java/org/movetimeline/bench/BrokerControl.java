package org.movetimeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The soak's Kafka broker, through bin/kafka-broker (the same single-node KRaft broker the tests, the local run and
 * bench/run use). Its data directory survives stops, so a restart resumes the topics.
 */
final class BrokerControl implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Path script;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path log;
    private final Thread stopOnExit;

    private BrokerControl(Path script, Path dir, int port, int controllerPort, Path log) {
        this.script = script;
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log;
        this.stopOnExit = new Thread(this::close, "stop-broker");
    }

    /** Starts the broker in {@code dir} on 127.0.0.1:{@code port}, its KRaft controller on {@code controllerPort}. */
    static BrokerControl start(Path script, Path dir, int port, int controllerPort, Path logDir)
            throws IOException, InterruptedException {
        BrokerControl broker = new BrokerControl(script, dir, port, controllerPort, logDir.resolve("broker-commands.log"));
        Runtime.getRuntime().addShutdownHook(broker.stopOnExit);
        broker.start();
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Broker's own log (Kafka's output). */
    Path brokerLog() {
        return dir.resolve("broker.log");
    }

    /**
     * Starts it again on the same ports. They must be free: the script's "listening" check cannot tell our broker from
     * another one on the port, so a stranger's broker would otherwise pass for ours.
     */
    void start() throws IOException, InterruptedException {
        LocalPorts.requireFree(port, "the soak's Kafka broker, CHAOS_KAFKA_PORT");
        LocalPorts.requireFree(controllerPort, "the soak's Kafka controller, CHAOS_KAFKA_CONTROLLER_PORT");
        Commands.run(List.of(script.toString(), "start", dir.toString(), Integer.toString(port),
                Integer.toString(controllerPort)), log, TIMEOUT);
        if (pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false) != Boolean.TRUE) {
            throw new IOException("the broker exited right after starting; see " + brokerLog());
        }
    }

    /** SIGTERM: the broker shuts down cleanly (the script kills it if it takes more than 30 s). */
    void stop() throws IOException, InterruptedException {
        Commands.run(List.of(script.toString(), "stop", dir.toString()), log, TIMEOUT);
    }

    /** SIGKILL: an unclean shutdown, recovered from its logs at the next start. */
    void kill() throws IOException, InterruptedException {
        Optional<ProcessHandle> broker = pid().flatMap(ProcessHandle::of);
        if (broker.isPresent()) {
            broker.get().destroyForcibly();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (broker.get().isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the broker (pid " + broker.get().pid() + ") outlived kill -9 for " + TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
        Files.deleteIfExists(dir.resolve("broker.pid"));
    }

    Optional<Long> pid() throws IOException {
        Path file = dir.resolve("broker.pid");
        return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            System.err.println("chaos: stopping the broker failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; stop is idempotent
            }
        }
    }
}
