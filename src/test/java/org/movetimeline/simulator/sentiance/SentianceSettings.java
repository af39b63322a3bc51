package org.movetimeline.simulator.sentiance;

import org.movetimeline.simulator.EnvSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.movetimeline.simulator.EnvSource.isPositive;
import static org.movetimeline.simulator.EnvSource.isRatio;
import static org.movetimeline.simulator.EnvSource.require;

/**
 * The Sentiance part of the simulator's settings (read with the MOVE ones, see
 * {@link org.movetimeline.simulator.SimulatorSettings}; used when SIM_SOURCES names {@code sentiance}).
 * SIM_SEED, SIM_EPOCH, SIM_LATENCY_MS and SIM_LATENCY_JITTER_MS apply to both sources.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 * <tr><td>SIM_SENTIANCE_API_KEYS</td><td>comma-separated {@code appId:apiKey} (as the service's SENTIANCE_API_KEYS):
 *     the REST v3 API's Bearer keys</td><td>demo-app:demo-api-key</td></tr>
 * <tr><td>SIM_SENTIANCE_WEBHOOK_CREDENTIALS</td><td>comma-separated {@code appId:user:password} (as the service's
 *     SENTIANCE_WEBHOOK_CREDENTIALS): the simulated apps and the Basic auth the Firehose sends; the first
 *     pair of an app is used</td><td>demo-app:firehose:demo-password</td></tr>
 * <tr><td>SIM_SENTIANCE_USERS_PER_APP</td><td>users of each app</td><td>20</td></tr>
 * <tr><td>SIM_SENTIANCE_FIREHOSE_URL</td><td>the service's base URL; the sender POSTs to
 *     {@code <url>/webhooks/sentiance/firehose/<appId>}; empty = sender off</td><td>empty</td></tr>
 * <tr><td>SIM_SENTIANCE_RATE</td><td>messages per second, all apps together</td><td>50</td></tr>
 * <tr><td>SIM_SENTIANCE_MAX_MESSAGES</td><td>stop after this many messages; 0 = endless</td><td>0</td></tr>
 * <tr><td>SIM_SENTIANCE_BATCH_SIZE</td><td>most messages in one delivery</td><td>100</td></tr>
 * <tr><td>SIM_SENTIANCE_INTERVAL</td><td>a partial delivery goes once this passed since the last (Sentiance: 5 s)</td><td>5s</td></tr>
 * <tr><td>SIM_SENTIANCE_RETRY_INITIAL</td><td>first retry delay of a refused delivery; doubles each time</td><td>100ms</td></tr>
 * <tr><td>SIM_SENTIANCE_RETRY_MAX</td><td>cap of that delay (Sentiance's own: 5 min)</td><td>30s</td></tr>
 * <tr><td>SIM_SENTIANCE_DUPLICATE_RATIO</td><td>share of deliveries sent again once accepted (at-least-once)</td><td>0.05</td></tr>
 * <tr><td>SIM_SENTIANCE_TEST_PAYLOAD_RATIO</td><td>share of deliveries followed by a test payload
 *     ({@code sentiance-payload-type: test})</td><td>0.02</td></tr>
 * <tr><td>SIM_SENTIANCE_REFINE_RATIO</td><td>share of transports whose start and mode change after the first
 *     event fetch (preliminary, then refined analysis)</td><td>0.2</td></tr>
 * <tr><td>SIM_SENTIANCE_FAIL_401_RATIO, _403_, _404_, _429_, _500_</td><td>shares of API calls answered with that
 *     status (429 with {@code Retry-After: 1}); together at most 1</td><td>0</td></tr>
 * </table>
 */
public record SentianceSettings(
        Map<String, String> apiKeys,
        Map<String, WebhookCredential> webhookCredentials,
        int usersPerApp,
        Optional<URI> firehoseUrl,
        double rate,
        long maxMessages,
        int batchSize,
        Duration interval,
        Duration retryInitial,
        Duration retryMax,
        double duplicateRatio,
        double testPayloadRatio,
        double refineRatio,
        Map<Integer, Double> failRatios) {

    /** The statuses SIM_SENTIANCE_FAIL_&lt;status&gt;_RATIO can script, in draw order. */
    static final int[] FAIL_STATUSES = {401, 403, 404, 429, 500};

    /** Basic auth of one app's Firehose. */
    public record WebhookCredential(String user, String password) {
        @Override
        public String toString() {
            return user + ":(secret)";
        }
    }

    public SentianceSettings {
        require(!apiKeys.isEmpty(), "SIM_SENTIANCE_API_KEYS must name at least one appId:apiKey");
        apiKeys = Collections.unmodifiableMap(new TreeMap<>(apiKeys));
        require(!webhookCredentials.isEmpty(), "SIM_SENTIANCE_WEBHOOK_CREDENTIALS must name at least one appId:user:password");
        webhookCredentials = Collections.unmodifiableMap(new TreeMap<>(webhookCredentials));
        require(usersPerApp >= 1, "SIM_SENTIANCE_USERS_PER_APP must be at least 1");
        require(rate > 0, "SIM_SENTIANCE_RATE must be positive");
        require(maxMessages >= 0, "SIM_SENTIANCE_MAX_MESSAGES must not be negative");
        require(batchSize >= 1, "SIM_SENTIANCE_BATCH_SIZE must be at least 1");
        require(isPositive(interval) && isPositive(retryInitial) && isPositive(retryMax),
                "SIM_SENTIANCE_INTERVAL and SIM_SENTIANCE_RETRY_* must be positive");
        require(isRatio(duplicateRatio) && isRatio(testPayloadRatio) && isRatio(refineRatio),
                "SIM_SENTIANCE_DUPLICATE_RATIO, _TEST_PAYLOAD_RATIO and _REFINE_RATIO must be in 0..1");
        failRatios = Collections.unmodifiableMap(new TreeMap<>(failRatios));
        require(failRatios.values().stream().allMatch(EnvSource::isRatio)
                        && failRatios.values().stream().mapToDouble(Double::doubleValue).sum() <= 1.0,
                "SIM_SENTIANCE_FAIL_*_RATIO must be in 0..1 and add up to at most 1");
    }

    public static SentianceSettings fromEnvironment(EnvSource s) {
        Map<Integer, Double> fail = new TreeMap<>();
        for (int status : FAIL_STATUSES) {
            fail.put(status, s.decimal("SIM_SENTIANCE_FAIL_" + status + "_RATIO", 0));
        }
        return new SentianceSettings(
                apiKeys(s.string("SIM_SENTIANCE_API_KEYS", "demo-app:demo-api-key")),
                credentials(s.string("SIM_SENTIANCE_WEBHOOK_CREDENTIALS", "demo-app:firehose:demo-password")),
                (int) s.number("SIM_SENTIANCE_USERS_PER_APP", 20),
                s.uri("SIM_SENTIANCE_FIREHOSE_URL"),
                s.decimal("SIM_SENTIANCE_RATE", 50),
                s.number("SIM_SENTIANCE_MAX_MESSAGES", 0),
                (int) s.number("SIM_SENTIANCE_BATCH_SIZE", 100),
                s.duration("SIM_SENTIANCE_INTERVAL", "5s"),
                s.duration("SIM_SENTIANCE_RETRY_INITIAL", "100ms"),
                s.duration("SIM_SENTIANCE_RETRY_MAX", "30s"),
                s.decimal("SIM_SENTIANCE_DUPLICATE_RATIO", 0.05),
                s.decimal("SIM_SENTIANCE_TEST_PAYLOAD_RATIO", 0.02),
                s.decimal("SIM_SENTIANCE_REFINE_RATIO", 0.2),
                fail);
    }

    public static SentianceSettings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(new EnvSource(env));
    }

    public boolean senderEnabled() {
        return firehoseUrl.isPresent();
    }

    /** Keys and passwords left out: settings get logged. */
    @Override
    public String toString() {
        return "SentianceSettings[apiApps=" + apiKeys.keySet() + ", webhookCredentials=" + webhookCredentials
                + ", usersPerApp=" + usersPerApp + ", firehoseUrl=" + firehoseUrl.map(URI::toString).orElse("(off)")
                + ", rate=" + rate + ", maxMessages=" + maxMessages + ", batchSize=" + batchSize
                + ", interval=" + interval + ", retryInitial=" + retryInitial + ", retryMax=" + retryMax
                + ", duplicateRatio=" + duplicateRatio + ", testPayloadRatio=" + testPayloadRatio
                + ", refineRatio=" + refineRatio + ", failRatios=" + failRatios + "]";
    }

    private static Map<String, String> apiKeys(String value) {
        Map<String, String> result = new TreeMap<>();
        for (String[] parts : split(value, 2, "SIM_SENTIANCE_API_KEYS must be comma-separated appId:apiKey pairs")) {
            result.put(parts[0], parts[1]);
        }
        return result;
    }

    private static Map<String, WebhookCredential> credentials(String value) {
        Map<String, WebhookCredential> result = new TreeMap<>();
        for (String[] parts : split(value, 3,
                "SIM_SENTIANCE_WEBHOOK_CREDENTIALS must be comma-separated appId:user:password triples")) {
            result.putIfAbsent(parts[0], new WebhookCredential(parts[1], parts[2]));
        }
        return result;
    }

    /** The values hold secrets: errors name the variable, never echo it. The last part may contain colons. */
    private static List<String[]> split(String value, int parts, String error) {
        List<String[]> result = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] p = entry.trim().split(":", parts);
            if (p.length != parts || Arrays.stream(p).anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(error);
            }
            result.add(p);
        }
        return result;
    }
}
