package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.movetimeline.sentiance.firehose.Firehose;
import org.movetimeline.sentiance.ingest.SentianceConsumer;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.FakeSentianceApi;
import org.movetimeline.testsupport.SentianceProfile;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard and the PrometheusRule under {@code k8s/} ask only for metrics and labels the
 * running service exports: no dead panel, no silent alert. The service first does each thing a family
 * of metrics counts (for MOVE a batch accepted, one refused with 401, an item dead-lettered, an item fetched
 * from MOVE and stored; for Sentiance a Firehose delivery accepted with a message dead-lettered and one refused
 * with 401, a transport fetched and stored, another message kept raw, one dead-lettered for a refused API key), then its Prometheus scrape is compared with every PromQL expression of both files. It runs with
 * Sentiance on (the profile every Sentiance test shares), so one scrape holds both sources' metrics.
 * Names are compared with the scrape's sample names, so {@code _count}, {@code _sum}, {@code _max} or
 * {@code _bucket} of a timer pass only where the service really exports them.
 */
@QuarkusTest
@TestProfile(SentianceProfile.class)
class ShippedMonitoringTest {

    static final Path COMPONENT = Path.of("k8s/components/prometheus-operator");
    static final Path DASHBOARD = COMPONENT.resolve("grafana-dashboard.json");
    static final Path RULES = COMPONENT.resolve("prometheusrule.yaml");
    /** Added by Prometheus to every series of a pod it scrapes (PodMonitor or pod annotations), so never in the scrape. */
    static final Set<String> TARGET_LABELS = Set.of("namespace", "pod", "container", "endpoint", "job", "instance");
    /** Grafana's {@code label_values(selector, label)} variable query. */
    static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_]\\w*)\\s*\\)", Pattern.DOTALL);
    /** One name="value" of a sample; the value may hold escaped quotes, commas and braces. */
    static final Pattern LABEL_PAIR = Pattern.compile("\\G,?([a-zA-Z_]\\w*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int PROJECT = 1000;
    static final String USER = "monitoring";
    static final Instant START = Instant.parse("2026-06-01T07:00:00Z");
    static final String EVENT = "e-monitoring";

    @Inject
    PrometheusMeterRegistry registry;

    /** One PromQL expression and where it was found, for the failure message. */
    record Query(String where, String expr, Set<String> labelsOfEveryMetric) {
    }

    @Test
    void everyMetricAndLabelTheDashboardAndTheAlertsUseIsExported() throws IOException {
        exerciseEveryMetricFamily();
        Map<String, Set<String>> exported = exportedSamples(registry.scrape());

        List<Query> queries = new ArrayList<>(dashboardQueries());
        queries.addAll(ruleQueries());
        assertFalse(queries.isEmpty(), "no PromQL found in " + DASHBOARD + " or " + RULES);
        List<String> problems = new ArrayList<>();
        for (Query q : queries) {
            problems.addAll(unexported(q, PromQl.names(q.expr()), exported));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyAlertSaysHowLongWhatSeverityAndWhy() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        rules().path("spec").path("groups").forEach(g -> g.path("rules").forEach(alerts::add));
        assertFalse(alerts.isEmpty(), RULES + " holds no rules");
        List<String> problems = new ArrayList<>();
        for (JsonNode alert : alerts) {
            String name = alert.path("alert").asText("(a rule without alert:)");
            if (!alert.path("for").isTextual() || alert.path("for").asText().isBlank()) {
                problems.add(name + " has no for: (it would fire on a single evaluation)");
            }
            if (!Set.of("critical", "warning", "info").contains(alert.path("labels").path("severity").asText())) {
                problems.add(name + " has no severity label of critical, warning or info");
            }
            for (String annotation : List.of("summary", "description")) {
                if (alert.path("annotations").path(annotation).asText().isBlank()) {
                    problems.add(name + " has no " + annotation + " annotation");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** What {@code q} asks for that the scrape lacks: metrics, labels of a selector, grouping labels. */
    private static List<String> unexported(Query q, PromQl.Names names, Map<String, Set<String>> exported) {
        List<String> problems = new ArrayList<>();
        Set<String> labelsOfItsMetrics = new TreeSet<>(TARGET_LABELS);
        for (Map.Entry<String, Set<String>> metric : names.metrics().entrySet()) {
            Set<String> has = exported.get(metric.getKey());
            if (has == null) {
                problems.add(q.where() + " uses " + metric.getKey() + ", which the service does not export");
                continue;
            }
            labelsOfItsMetrics.addAll(has);
            Set<String> missing = new TreeSet<>(metric.getValue());
            missing.addAll(q.labelsOfEveryMetric());
            missing.removeAll(has);
            missing.removeAll(TARGET_LABELS);
            if (!missing.isEmpty()) {
                problems.add(q.where() + " selects " + metric.getKey() + " by " + missing + ", labels it does not have"
                        + " (it has " + has + ")");
            }
        }
        Set<String> unknownGrouping = new TreeSet<>(names.groupingLabels());
        unknownGrouping.removeAll(labelsOfItsMetrics);
        if (problems.isEmpty() && !unknownGrouping.isEmpty()) {
            problems.add(q.where() + " groups by " + unknownGrouping + ", which none of its metrics has");
        }
        return problems;
    }

    private void exerciseEveryMetricFamily() {
        exerciseMove();
        exerciseSentiance();
    }

    private void exerciseMove() {
        FakeMoveApi.shared().put(FakeMoveApi.tripItem(PROJECT, USER, START, "CAR"));
        String noUser = "{\"projectId\":" + PROJECT + ",\"startTime\":\"" + START + "\"}";
        String body = Webhook.batch(List.of(Webhook.item(PROJECT, USER, START), noUser));
        post(body, Webhook.signature(body, Webhook.SECRET_NEW)).statusCode(200)
                .body("accepted", equalTo(1)).body("deadLettered", equalTo(1));
        post(body, Webhook.signature(body, "not-the-secret")).statusCode(401);
        // The consumer counts a poll batch only after its rows are committed.
        await().atMost(WAIT).until(() -> Rows.count(PROJECT, USER) == 1
                && registry.find("move.ingest.items.persisted").counter() != null);
    }

    /**
     * A delivery of app-a with a message of each receiver outcome (an element that is no object is dead-lettered),
     * then a 401; the consumer stores app-a's transport through the fake Sentiance, keeps its stationary raw, and
     * dead-letters app-revoked's transport, whose API key Sentiance refuses.
     */
    private void exerciseSentiance() {
        FakeSentianceApi.shared().put(SentianceProfile.APP_A, USER,
                FakeSentianceApi.transport(EVENT, "car", START, Duration.ofMinutes(40), 51918));
        String body = Firehose.delivery(List.of(Firehose.transport(USER, EVENT), Firehose.stationary(USER), "42"));
        postFirehose(SentianceProfile.APP_A, body, Firehose.basic("sentiance", "secret-a-new")).statusCode(200)
                .body("accepted", equalTo(2)).body("deadLettered", equalTo(1));
        postFirehose(SentianceProfile.APP_A, body, Firehose.basic("sentiance", "not-the-password")).statusCode(401);
        postFirehose(SentianceProfile.APP_REVOKED, Firehose.delivery(List.of(Firehose.transport(USER, EVENT))),
                Firehose.basic("firehose-r", "secret-r")).statusCode(200).body("accepted", equalTo(1));
        await().atMost(WAIT).until(() -> Stream.of("stored", "kept", "dead_lettered")
                .allMatch(outcome -> registry.find("sentiance.ingest.messages").tag("outcome", outcome).counter() != null)
                && sentianceConsumerExportsItsKafkaMetrics());
    }

    /** Its lag panel and alert select group sentiance-ingest by the client id Kafka derives from it, consumer-<group>-<n>. */
    private boolean sentianceConsumerExportsItsKafkaMetrics() {
        return registry.find("kafka.consumer.fetch.manager.records.lag.max").meters().stream()
                .map(meter -> meter.getId().getTag("client.id"))
                .anyMatch(client -> client != null && client.startsWith("consumer-" + SentianceConsumer.GROUP + "-"));
    }

    private static ValidatableResponse postFirehose(String app, String body, String authorization) {
        return Firehose.as(authorization).header("Content-Encoding", "gzip").contentType(ContentType.JSON)
                .body(Firehose.gzip(body)).post(Firehose.PATH + app).then();
    }

    private static ValidatableResponse post(String body, String signature) {
        return given().contentType(ContentType.JSON).header("X-Dolphin-Signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/move/timeline").then();
    }

    /** Every sample name of a Prometheus text scrape with the label names it appears with. */
    static Map<String, Set<String>> exportedSamples(String scrape) {
        Map<String, Set<String>> samples = new TreeMap<>();
        for (String line : scrape.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && brace < space;
            Set<String> labels = samples.computeIfAbsent(line.substring(0, labelled ? brace : space), n -> new TreeSet<>());
            if (labelled) {
                Matcher pair = LABEL_PAIR.matcher(line);
                pair.region(brace + 1, line.length());
                while (pair.find()) {
                    labels.add(pair.group(1));
                }
            }
        }
        return samples;
    }

    private static List<Query> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<Query> queries = new ArrayList<>();
        collectPanelQueries(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!variable.path("type").asText().equals("query")) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher m = LABEL_VALUES.matcher(text.strip());
            assertTrue(m.matches(), "dashboard variable " + variable.path("name").asText()
                    + ": only label_values(selector, label) is checked, found: " + text);
            queries.add(new Query("dashboard variable $" + variable.path("name").asText(), m.group(1), Set.of(m.group(2))));
        }
        return queries;
    }

    /** Targets of every panel, rows' collapsed panels too. */
    private static void collectPanelQueries(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String where = "dashboard panel '" + panel.path("title").asText() + "' query " + target.path("refId").asText();
                assertTrue(target.path("expr").isTextual(), where + " has no expr");
                queries.add(new Query(where, target.path("expr").asText(), Set.of()));
            }
            collectPanelQueries(panel.path("panels"), queries);
        }
    }

    private static List<Query> ruleQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : rules().path("spec").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? "alert " + rule.path("alert").asText() : "rule " + rule.path("record").asText();
                queries.add(new Query(name, rule.path("expr").asText(), Set.of()));
            }
        }
        return queries;
    }

    private static JsonNode rules() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(RULES));
    }
}
