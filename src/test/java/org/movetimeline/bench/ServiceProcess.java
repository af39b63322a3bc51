package org.movetimeline.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service's packaged jar in a process of its own, as a deployment would run one role of it. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The two Deployments of production: one image, one role switched off in each. */
    enum Role {
        RECEIVER("receiver", "APP_INGEST_ENABLED"),
        INGEST("ingest", "APP_RECEIVER_ENABLED");

        final String label;
        private final String switchedOff;

        Role(String label, String switchedOff) {
            this.label = label;
            this.switchedOff = switchedOff;
        }

        /** {@code common} plus the switch that turns the other role off. */
        Map<String, String> environment(Map<String, String> common) {
            Map<String, String> env = new HashMap<>(common);
            env.put(switchedOff, "false");
            return env;
        }
    }

    /**
     * How to start one process of the jar.
     *
     * @param managementPort Quarkus's management interface port (QUARKUS_MANAGEMENT_PORT), where health and metrics
     *                       are asked, so that two processes on one machine do not both want its default
     * @param appendLog      append to {@code log} (a restarted process keeps the earlier ones' output) instead of
     *                       replacing it
     */
    record Launch(String role, Path jar, List<String> javaOptions, Map<String, String> environment, int httpPort,
                  int managementPort, Path log, boolean appendLog) {
    }

    private final Launch launch;
    private final Process process;
    private final Thread stopOnExit;

    private ServiceProcess(Launch launch, Process process, Thread stopOnExit) {
        this.launch = launch;
        this.process = process;
        this.stopOnExit = stopOnExit;
    }

    /** The environment every role needs to run against the simulator, the broker and the database. */
    static Map<String, String> pipelineEnvironment(String webhookSecret, String moveCredentials, URI moveApi,
                                                   String kafkaBootstrap, String jdbcUrl, String jdbcUser) {
        return Map.of(
                "MOVE_WEBHOOK_SECRETS", webhookSecret,
                "MOVE_API_BASE_URL", moveApi.toString(),
                "MOVE_API_CREDENTIALS", moveCredentials,
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl,
                "QUARKUS_DATASOURCE_USERNAME", jdbcUser,
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    /**
     * Starts the jar with {@code environment} added, its management interface on a free port, and returns once its
     * readiness check says UP.
     */
    static ServiceProcess start(String role, Path jar, List<String> javaOptions, Map<String, String> environment,
                                int httpPort, Path log) throws IOException, InterruptedException {
        return start(new Launch(role, jar, javaOptions, environment, httpPort, LocalPorts.free(1).get(0), log, false));
    }

    /** Starts the jar as {@code launch} says and returns once its readiness check says UP. */
    static ServiceProcess start(Launch launch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.javaOptions());
        command.addAll(List.of("-jar", launch.jar().toString()));
        File log = launch.log().toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(launch.appendLog() ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        builder.environment().putAll(launch.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(launch.httpPort()));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(launch.managementPort()));
        Process process = builder.start();
        // Ctrl-C on the bench command skips the driver's try-with-resources; the service must not outlive it.
        Thread stopOnExit = new Thread(process::destroy, "stop-" + launch.role());
        try {
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            process.destroyForcibly();
            throw shuttingDown;
        }
        ServiceProcess service = new ServiceProcess(launch, process, stopOnExit);
        try {
            service.awaitReady();
        } catch (InterruptedException e) {
            service.kill(); // the driver is stopping: a half-started process must not be left behind
            throw e;
        }
        return service;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time the process has used so far, every thread; zero where the OS does not tell. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Exit status of a process that has ended. */
    int exitValue() {
        return process.exitValue();
    }

    int managementPort() {
        return launch.managementPort();
    }

    /** GET {@code /q/health/<check>} (ready, live, started) on the management port answered 200. */
    boolean healthy(String check) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launch.managementPort()
                + "/q/health/" + check)).timeout(Duration.ofSeconds(3)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                forget();
                throw new IllegalStateException(launch.role() + " exited during start-up (status " + process.exitValue()
                        + "); see " + launch.log() + ":\n" + tail());
            }
            if (healthy("ready")) {
                return;
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(launch.role() + " not ready within " + READY_WITHIN + "; see " + launch.log());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(launch.log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown hooks, nothing finished or committed. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forget();
    }

    /** SIGTERM, so the service shuts down gracefully as in a deployment; killed if it takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forget();
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }
}
