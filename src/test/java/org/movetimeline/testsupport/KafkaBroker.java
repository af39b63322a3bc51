package org.movetimeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Apache Kafka's own broker, started once per test JVM through {@code bin/kafka-broker} (the same
 * script the local run uses). Tests may stop and start it again: it keeps its port and its data.
 */
public final class KafkaBroker {

    /**
     * Quarkus loads the test classes anew for each test profile, so a static field lives once per profile; these
     * system properties are the JVM's, and lead every profile to the one broker.
     */
    private static final String DIR_PROPERTY = "mti.kafka.dir";
    private static final String PORT_PROPERTY = "mti.kafka.port";

    private static KafkaBroker instance;

    private final Path dir;
    private final int port;

    private KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static synchronized KafkaBroker shared() {
        if (instance == null) {
            synchronized (System.getProperties()) {
                String dir = System.getProperty(DIR_PROPERTY);
                if (dir != null) {
                    instance = new KafkaBroker(Path.of(dir), Integer.parseInt(System.getProperty(PORT_PROPERTY)));
                } else {
                    try {
                        instance = new KafkaBroker(Files.createTempDirectory("mti-kafka-"), freePort());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    instance.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(instance::destroy, "kafka-broker-stop"));
                    System.setProperty(DIR_PROPERTY, instance.dir.toString());
                    System.setProperty(PORT_PROPERTY, String.valueOf(instance.port));
                }
            }
        }
        return instance;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (!running()) {
            run("start", dir.toString(), String.valueOf(port), String.valueOf(freePort()));
        }
    }

    public synchronized void stop() {
        if (running()) {
            run("stop", dir.toString());
        }
    }

    /** bin/kafka-broker keeps the pid file while the broker runs, whichever profile's classes started it. */
    private boolean running() {
        return Files.exists(dir.resolve("broker.pid"));
    }

    private synchronized void destroy() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static void run(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = Path.of("bin/kafka-broker").toAbsolutePath().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("bin/kafka-broker " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on now, for the broker and the packaged jar's management interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
