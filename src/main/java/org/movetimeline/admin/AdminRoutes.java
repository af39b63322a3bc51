package org.movetimeline.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.topics.RecordPublisher.PublishException;
import org.movetimeline.receiver.TimelineWebhookResource.ErrorBody;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The operator endpoints, on the management interface only (never on the webhook port):
 * {@code GET /admin/dlq} summarises what waits on MOVE's DLQ, {@code POST /admin/dlq/replay} replays it; both take the
 * filters reason, project and source as query parameters. {@code /admin/sentiance/dlq} and
 * {@code /admin/sentiance/dlq/replay} do the same for Sentiance's DLQ, with app instead of project, while Sentiance is
 * configured. Every call needs {@code Authorization: Bearer <MOVE_ADMIN_TOKEN>}, and every call is logged with its
 * outcome (never with its headers).
 */
@ApplicationScoped
public class AdminRoutes {

    private static final Logger LOG = Logger.getLogger(AdminRoutes.class);
    /** What the call did, in a few words, for the access log line. */
    private static final String OUTCOME = "move.admin.outcome";

    private final MoveConfig config;
    private final AdminToken token;
    private final DlqSources sources;
    private final DlqInspector inspector;
    private final DlqReplayer replayer;
    private final DlqInspector sentianceInspector;
    private final DlqReplayer sentianceReplayer;
    private final ObjectMapper mapper;
    /** Kafka reads and replays wait here, never on the event loop nor on the webhook port's worker threads. */
    private final WorkerExecutor worker;

    @Inject
    public AdminRoutes(MoveConfig config, DlqSources sources, DlqInspector inspector, DlqReplayer replayer,
                       @Identifier(DlqSources.SENTIANCE) DlqInspector sentianceInspector,
                       @Identifier(DlqSources.SENTIANCE) DlqReplayer sentianceReplayer, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.token = AdminToken.of(config.admin().token());
        this.sources = sources;
        this.inspector = inspector;
        this.replayer = replayer;
        this.sentianceInspector = sentianceInspector;
        this.sentianceReplayer = sentianceReplayer;
        this.mapper = mapper;
        // Two threads: a summary need not wait for a replay. A call may take its time limit plus Kafka's timeouts.
        this.worker = vertx.createSharedWorkerExecutor("move-admin", 2,
                config.admin().timeLimit().plus(Duration.ofMinutes(2)).toMillis(), TimeUnit.MILLISECONDS);
    }

    void register(@Observes ManagementInterface management) {
        Router router = management.router();
        router.route("/admin/*").handler(this::authenticate);
        serve(router, "/admin/dlq", inspector, replayer);
        if (sources.sentianceConfigured()) {
            serve(router, "/admin/sentiance/dlq", sentianceInspector, sentianceReplayer);
        } else {
            router.route("/admin/sentiance/*").handler(rc -> answer(rc, 404, new ErrorBody("sentiance-off",
                    "Sentiance is not configured: set SENTIANCE_WEBHOOK_CREDENTIALS or SENTIANCE_API_KEYS"), "Sentiance off"));
        }
        if (!token.enabled()) {
            LOG.info("admin endpoints off: MOVE_ADMIN_TOKEN is not set");
        }
    }

    /** {@code GET <dlq>} summarises that DLQ, {@code POST <dlq>/replay} replays it. */
    private void serve(Router router, String dlq, DlqInspector inspector, DlqReplayer replayer) {
        Tenancy tenancy = inspector.tenancy();
        router.get(dlq).handler(rc -> onWorker(rc, tenancy, filter -> inspector.summarize(filter, config.admin().timeLimit())));
        router.post(dlq + "/replay").handler(rc -> onWorker(rc, tenancy,
                filter -> replayer.replay(filter, config.admin().timeLimit())));
    }

    private void authenticate(RoutingContext rc) {
        String call = rc.request().method() + " " + rc.normalizedPath();
        String from = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
        rc.addEndHandler(done -> {
            int status = rc.response().getStatusCode();
            LOG.logf(status == 401 ? Logger.Level.WARN : Logger.Level.INFO, "admin call %s from %s: %d %s", call, from,
                    status, rc.get(OUTCOME, ""));
        });
        if (!token.enabled()) {
            answer(rc, 404, new ErrorBody("admin-off", "the admin endpoints are off: set MOVE_ADMIN_TOKEN to turn them on"),
                    "admin endpoints off");
            return;
        }
        switch (token.check(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            case VALID -> rc.next();
            case MISSING -> unauthorized(rc, "token-missing", "no bearer token");
            case WRONG -> unauthorized(rc, "token-wrong", "wrong token");
        }
    }

    private void unauthorized(RoutingContext rc, String error, String outcome) {
        rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"move-admin\"");
        answer(rc, 401, new ErrorBody(error, "send Authorization: Bearer <MOVE_ADMIN_TOKEN>"), outcome);
    }

    private void onWorker(RoutingContext rc, Tenancy tenancy, Function<DlqFilter, AdminAnswer> work) {
        DlqFilter filter;
        try {
            filter = DlqFilter.parse(parameters(rc.queryParams()), tenancy);
        } catch (IllegalArgumentException e) {
            answer(rc, 400, new ErrorBody("bad-filter", e.getMessage()), "bad filter");
            return;
        }
        worker.executeBlocking(() -> work.apply(filter), false).onComplete(done -> {
            if (done.succeeded()) {
                answer(rc, 200, done.result(), "(" + filter + ") " + done.result().outcome());
            } else if (done.cause() instanceof KafkaException || done.cause() instanceof PublishException) {
                answer(rc, 503, new ErrorBody("kafka-unavailable", done.cause().getMessage()),
                        "Kafka failed: " + done.cause().getMessage());
            } else {
                LOG.error("admin call failed", done.cause());
                answer(rc, 500, new ErrorBody("admin-failed", String.valueOf(done.cause().getMessage())), "failed");
            }
        });
    }

    private static Map<String, List<String>> parameters(MultiMap query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.names().forEach(name -> parameters.put(name, query.getAll(name)));
        return parameters;
    }

    private void answer(RoutingContext rc, int status, Object body, String outcome) {
        rc.put(OUTCOME, outcome);
        try {
            rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    @PreDestroy
    void close() {
        worker.close();
    }
}
