package org.movetimeline.simulator;

import org.movetimeline.simulator.sentiance.SentianceSettings;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every knob of the simulator, read from environment variables so that a container, a shell
 * and a test configure it the same way ({@link #fromEnvironment(Map)} takes the map, so tests
 * pass their own instead of mutating the process environment).
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 * <tr><td>SIM_HOST</td><td>address the API binds to</td><td>0.0.0.0</td></tr>
 * <tr><td>SIM_PORT</td><td>API port; 0 picks a free one</td><td>8089</td></tr>
 * <tr><td>SIM_THREADS</td><td>HTTP worker threads (latency is slept on them, so they bound throughput)</td><td>16</td></tr>
 * <tr><td>SIM_CREDENTIALS</td><td>comma-separated {@code projectId:apiKey}, same format as the service's
 *     MOVE_API_CREDENTIALS; these are the simulated projects</td><td>1000:demo-key</td></tr>
 * <tr><td>SIM_USERS_PER_PROJECT</td><td>users {@code u0001..} of each project</td><td>50</td></tr>
 * <tr><td>SIM_EPOCH</td><td>RFC 3339 instant where every user's timeline starts</td><td>2026-01-01T00:00:00Z</td></tr>
 * <tr><td>SIM_SEED</td><td>varies the generated data set; the API and the notifier must agree on it</td><td>0</td></tr>
 * <tr><td>SIM_FAIL_429_RATIO</td><td>share of API calls answered 429 with {@code Retry-After: 1}</td><td>0</td></tr>
 * <tr><td>SIM_FAIL_500_RATIO</td><td>share of API calls answered 500</td><td>0</td></tr>
 * <tr><td>SIM_FAIL_ALL_500_PROJECTS</td><td>comma-separated projectIds whose every API call is answered 500
 *     (one project's outage while the others stay healthy); the ratios apply to the rest</td><td>empty</td></tr>
 * <tr><td>SIM_LATENCY_MS</td><td>fixed delay added to every API call</td><td>0</td></tr>
 * <tr><td>SIM_LATENCY_JITTER_MS</td><td>plus a uniform random delay up to this</td><td>0</td></tr>
 * <tr><td>SIM_NOTIFY_URL</td><td>webhook the notifier POSTs to; empty = notifier off</td><td>empty</td></tr>
 * <tr><td>SIM_NOTIFY_SECRET</td><td>HMAC secret of X-Dolphin-Signature; required with SIM_NOTIFY_URL</td><td>none</td></tr>
 * <tr><td>SIM_NOTIFY_RATE</td><td>items per second produced, spread over all users</td><td>200</td></tr>
 * <tr><td>SIM_NOTIFY_MAX_ITEMS</td><td>stop after this many items; 0 = endless</td><td>0</td></tr>
 * <tr><td>SIM_NOTIFY_BATCH_SIZE</td><td>most items in one notification</td><td>1000</td></tr>
 * <tr><td>SIM_NOTIFY_INTERVAL</td><td>a partial batch is sent once its oldest item waited this long</td><td>5s</td></tr>
 * <tr><td>SIM_NOTIFY_RETRY_INITIAL</td><td>first retry delay of a refused batch; doubles each time</td><td>1s</td></tr>
 * <tr><td>SIM_NOTIFY_RETRY_MAX</td><td>cap of that delay</td><td>30s</td></tr>
 * <tr><td>SIM_PROGRESS_INTERVAL</td><td>how often the one-line progress is logged</td><td>5s</td></tr>
 * <tr><td>SIM_SOURCES</td><td>comma-separated sources played: {@code move}, {@code sentiance} or both; the
 *     Sentiance ones (SIM_SENTIANCE_*) are listed in {@link SentianceSettings}</td><td>move</td></tr>
 * </table>
 *
 * Durations accept {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT5S})
 * or a plain number of seconds.
 */
public record SimulatorSettings(
        String host,
        int port,
        int threads,
        Map<Integer, String> credentials,
        int usersPerProject,
        Instant epoch,
        long seed,
        double fail429Ratio,
        double fail500Ratio,
        Set<Integer> failAll500Projects,
        long latencyMs,
        long latencyJitterMs,
        Optional<URI> notifyUrl,
        String notifySecret,
        double notifyRate,
        long notifyMaxItems,
        int notifyBatchSize,
        Duration notifyInterval,
        Duration notifyRetryInitial,
        Duration notifyRetryMax,
        Duration progressInterval,
        Set<String> sources,
        SentianceSettings sentiance) {

    /** The sources SIM_SOURCES may name. */
    public static final Set<String> SOURCES = Set.of("move", "sentiance");

    public SimulatorSettings {
        EnvSource.require(host != null && !host.isBlank(), "SIM_HOST must not be empty");
        EnvSource.require(port >= 0 && port <= 65535, "SIM_PORT must be 0..65535");
        EnvSource.require(threads >= 1, "SIM_THREADS must be at least 1");
        EnvSource.require(credentials != null && !credentials.isEmpty(), "SIM_CREDENTIALS must name at least one projectId:apiKey");
        credentials = Collections.unmodifiableMap(new TreeMap<>(credentials));
        EnvSource.require(usersPerProject >= 1, "SIM_USERS_PER_PROJECT must be at least 1");
        EnvSource.require(epoch != null && epoch.getNano() == 0, "SIM_EPOCH must be a whole second");
        EnvSource.require(EnvSource.isRatio(fail429Ratio) && EnvSource.isRatio(fail500Ratio) && fail429Ratio + fail500Ratio <= 1.0,
                "SIM_FAIL_429_RATIO and SIM_FAIL_500_RATIO must be in 0..1 and add up to at most 1");
        failAll500Projects = failAll500Projects == null ? Set.of() : Set.copyOf(failAll500Projects);
        EnvSource.require(latencyMs >= 0 && latencyJitterMs >= 0, "SIM_LATENCY_MS and SIM_LATENCY_JITTER_MS must not be negative");
        notifyUrl = notifyUrl == null ? Optional.empty() : notifyUrl;
        notifySecret = notifySecret == null ? "" : notifySecret;
        // Like the service, refuse to start rather than send unsigned (or trivially signed) webhooks.
        EnvSource.require(notifyUrl.isEmpty() || !notifySecret.isEmpty(), "SIM_NOTIFY_SECRET is required when SIM_NOTIFY_URL is set");
        EnvSource.require(notifyRate > 0, "SIM_NOTIFY_RATE must be positive");
        EnvSource.require(notifyMaxItems >= 0, "SIM_NOTIFY_MAX_ITEMS must not be negative");
        EnvSource.require(notifyBatchSize >= 1, "SIM_NOTIFY_BATCH_SIZE must be at least 1");
        EnvSource.require(EnvSource.isPositive(notifyInterval), "SIM_NOTIFY_INTERVAL must be positive");
        EnvSource.require(EnvSource.isPositive(notifyRetryInitial) && EnvSource.isPositive(notifyRetryMax), "SIM_NOTIFY_RETRY_* must be positive");
        EnvSource.require(EnvSource.isPositive(progressInterval), "SIM_PROGRESS_INTERVAL must be positive");
        sources = sources == null ? Set.of("move") : Set.copyOf(sources);
        EnvSource.require(!sources.isEmpty() && SOURCES.containsAll(sources), "SIM_SOURCES must name move, sentiance or both");
        EnvSource.require(sentiance != null, "the Sentiance settings are required");
    }

    /** All defaults, as if no variable were set. */
    public static SimulatorSettings defaults() {
        return fromEnvironment(Map.of());
    }

    /** Reads the variables listed in the class comment from {@code env}; absent or blank means default. */
    public static SimulatorSettings fromEnvironment(Map<String, String> env) {
        EnvSource s = new EnvSource(env);
        return new SimulatorSettings(
                s.string("SIM_HOST", "0.0.0.0"),
                (int) s.number("SIM_PORT", 8089),
                (int) s.number("SIM_THREADS", 16),
                s.credentials("SIM_CREDENTIALS", "1000:demo-key"),
                (int) s.number("SIM_USERS_PER_PROJECT", 50),
                s.instant("SIM_EPOCH", "2026-01-01T00:00:00Z"),
                s.number("SIM_SEED", 0),
                s.decimal("SIM_FAIL_429_RATIO", 0),
                s.decimal("SIM_FAIL_500_RATIO", 0),
                s.projectIds("SIM_FAIL_ALL_500_PROJECTS"),
                s.number("SIM_LATENCY_MS", 0),
                s.number("SIM_LATENCY_JITTER_MS", 0),
                s.uri("SIM_NOTIFY_URL"),
                s.string("SIM_NOTIFY_SECRET", ""),
                s.decimal("SIM_NOTIFY_RATE", 200),
                s.number("SIM_NOTIFY_MAX_ITEMS", 0),
                (int) s.number("SIM_NOTIFY_BATCH_SIZE", 1000),
                s.duration("SIM_NOTIFY_INTERVAL", "5s"),
                s.duration("SIM_NOTIFY_RETRY_INITIAL", "1s"),
                s.duration("SIM_NOTIFY_RETRY_MAX", "30s"),
                s.duration("SIM_PROGRESS_INTERVAL", "5s"),
                s.names("SIM_SOURCES", "move"),
                SentianceSettings.fromEnvironment(s));
    }

    /** Process environment, for {@link MoveSimulator#main}. */
    public static SimulatorSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The MOVE notifier runs when SIM_NOTIFY_URL is set and MOVE is one of SIM_SOURCES. */
    public boolean notifierEnabled() {
        return plays("move") && notifyUrl.isPresent();
    }

    public boolean plays(String source) {
        return sources.contains(source);
    }

    /** Without API keys and the signing secret: settings get logged, secrets must not be. */
    @Override
    public String toString() {
        return "SimulatorSettings[host=" + host + ", port=" + port + ", threads=" + threads
                + ", projects=" + credentials.keySet() + ", usersPerProject=" + usersPerProject
                + ", epoch=" + epoch + ", seed=" + seed
                + ", fail429Ratio=" + fail429Ratio + ", fail500Ratio=" + fail500Ratio
                + ", failAll500Projects=" + new TreeSet<>(failAll500Projects)
                + ", latencyMs=" + latencyMs + ", latencyJitterMs=" + latencyJitterMs
                + ", notifyUrl=" + notifyUrl.map(URI::toString).orElse("(off)")
                + ", notifySecret=" + (notifySecret.isEmpty() ? "(none)" : "(set)")
                + ", notifyRate=" + notifyRate + ", notifyMaxItems=" + notifyMaxItems
                + ", notifyBatchSize=" + notifyBatchSize + ", notifyInterval=" + notifyInterval
                + ", notifyRetryInitial=" + notifyRetryInitial + ", notifyRetryMax=" + notifyRetryMax
                + ", progressInterval=" + progressInterval + ", sources=" + new TreeSet<>(sources)
                + ", " + sentiance + "]";
    }
}
