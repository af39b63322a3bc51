package org.movetimeline.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated backends (MOVE's, Sentiance's) over HTTP: a JDK {@link HttpServer} on a fixed pool of
 * SIM_THREADS workers (bounded, so a load test sees queueing like against a real backend
 * instead of unbounded thread growth). Also answers {@code GET /health} without auth, for
 * scripts waiting for it to come up.
 */
public final class SimulatorServer implements AutoCloseable {

    private static final int BACKLOG = 1024;

    static {
        enableNoDelay();
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private SimulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds SIM_HOST:SIM_PORT (port 0 picks a free one) and serves {@code routes} (path prefix to handler: MOVE's
     * API, Sentiance's or both on the one port) plus {@code /health}.
     */
    public static SimulatorServer start(SimulatorSettings settings, Map<String, HttpHandler> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread t = new Thread(runnable, "sim-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true); // the launcher decides how long the process lives, not the pool
            return t;
        });
        server.setExecutor(executor);
        routes.forEach(server::createContext);
        server.createContext("/health", exchange -> {
            try (exchange) {
                respond(exchange, 200, "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return new SimulatorServer(server, executor);
    }

    /**
     * Without TCP_NODELAY the JDK server sends response headers and body in separate small
     * segments, and Nagle's algorithm plus the client's delayed ACK add ~40 ms to every call,
     * capping a connection at ~25 calls/s: useless for load tests. The JDK reads this property
     * once, when the first HttpServer of the JVM is created, so it must be set before that
     * (an explicit -Dsun.net.httpserver.nodelay=false wins).
     */
    public static void enableNoDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Writes a JSON answer; shared by every simulated endpoint. */
    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://localhost:<port>}, what MOVE_API_BASE_URL (and SENTIANCE_API_BASE_URL) should be set to. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
