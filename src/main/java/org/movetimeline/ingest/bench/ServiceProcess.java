package org.movetimeline.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service's packaged jar in a process of its own, as a deployment would run one role of it. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final String role;
    private final Process process;
    private final Path log;

    private ServiceProcess(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with {@code environment} added and returns once its readiness check says UP. */
    static ServiceProcess start(String role, Path jar, List<String> javaOptions, Map<String, String> environment,
                                int httpPort, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        Process process = builder.start();
        // Ctrl-C on bench/run skips the driver's try-with-resources; the service must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + role));
        ServiceProcess service = new ServiceProcess(role, process, log);
        service.awaitReady(httpPort);
        return service;
    }

    private void awaitReady(int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(role + " exited during start-up; see " + log + ":\n" + tail());
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(role + " not ready within " + READY_WITHIN + "; see " + log);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
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
    }
}
