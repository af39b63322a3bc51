package org.movetimeline.sentiance.firehose;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.receiver.RequestId;
import org.movetimeline.receiver.TimelineWebhookResource.Acknowledgement;
import org.movetimeline.receiver.TimelineWebhookResource.ErrorBody;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.firehose.CappedInflater.TooLargeException;
import org.movetimeline.sentiance.firehose.FirehoseBatchParser.ParsedDelivery;
import org.movetimeline.sentiance.firehose.FirehoseBatchParser.Rejected;
import org.movetimeline.sentiance.firehose.FirehoseCredentials.Verdict;
import org.movetimeline.sentiance.firehose.FirehoseMetrics.Delivery;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.topics.FailureRecords;
import org.movetimeline.topics.RecordPublisher;
import org.movetimeline.topics.RecordPublisher.PublishException;
import org.movetimeline.topics.SentianceRecords;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sentiance's Firehose calls this, one URL per app. A delivery is acknowledged only once Kafka holds every message;
 * an authenticated delivery is never refused for its content (unusable parts go to the DLQ), since Sentiance would
 * only send it again. Sentiance checks the URL with a GET, and that wrong credentials get 401, before it switches
 * the webhook on.
 */
@Path("/webhooks/sentiance/firehose/{appId}")
public class FirehoseWebhookResource {

    static final String PAYLOAD_TYPE = "sentiance-payload-type";
    static final String CHALLENGE = "Basic realm=\"sentiance-firehose\"";
    private static final Logger LOG = Logger.getLogger(FirehoseWebhookResource.class);

    @Inject
    AppConfig app;
    @Inject
    MoveConfig move;
    @Inject
    SentianceConfig config;
    @Inject
    FirehoseCredentials credentials;
    @Inject
    FirehoseBatchParser parser;
    @Inject
    SentianceRecords records;
    @Inject
    RecordPublisher publisher;
    @Inject
    FirehoseMetrics metrics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(RequestId.HEADER) String requestId) {
        return answer(requestId, () -> {
            Response.ResponseBuilder refused = refusal(appId, authorization);
            return refused != null ? refused : Response.ok(new AppAnswer(appId));
        });
    }

    /**
     * The body is taken as an InputStream, which Quarkus REST hands a blocking method unread: the credentials are
     * checked before a byte of it is read, so an unauthenticated caller cannot make the service buffer anything.
     */
    @POST
    @Blocking // reads the body and waits for Kafka's acknowledgement on a worker thread, never on the event loop
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                            @HeaderParam(PAYLOAD_TYPE) String payloadType,
                            @HeaderParam(RequestId.HEADER) String requestId, InputStream body) {
        return answer(requestId, () -> {
            Response.ResponseBuilder refused = refusal(appId, authorization);
            if (refused != null) {
                return refused;
            }
            if ("test".equalsIgnoreCase(payloadType)) {
                metrics.delivery(appId, Delivery.TEST);
                return Response.ok(new TestAnswer(true));
            }
            return handle(appId, contentEncoding, body);
        });
    }

    private Response answer(String requestId, Supplier<Response.ResponseBuilder> handler) {
        if (!app.receiver().enabled() || !credentials.enabled()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String id = RequestId.of(requestId);
        MDC.put(RequestId.MDC_KEY, id);
        try {
            return handler.get().header(RequestId.HEADER, id).build();
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    /** 401 unless {@code authorization} holds credentials of {@code appId}; null when it does. */
    private Response.ResponseBuilder refusal(String appId, String authorization) {
        Verdict verdict = credentials.check(appId, authorization);
        if (verdict == Verdict.VALID) {
            return null;
        }
        boolean known = credentials.knows(appId);
        metrics.delivery(known ? appId : FirehoseMetrics.UNKNOWN_APP, Delivery.UNAUTHORIZED);
        LOG.warnf("Firehose call for %s app %s refused: %s", known ? "the" : "unknown",
                TimelineNotification.quoted(appId), verdict.reason());
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE)
                .entity(new ErrorBody(verdict.reason(), "Basic auth with a user:password of this app in "
                        + FirehoseCredentials.SETTING + " is required"));
    }

    private Response.ResponseBuilder handle(String appId, String contentEncoding, InputStream in) {
        long cap = config.webhook().maxInflatedSize().asLongValue();
        byte[] body;
        try {
            // Compressed or not, a body is never longer than its inflated form (bar gzip's few header bytes).
            body = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 16));
        } catch (IOException e) {
            // The caller went away mid-body: nothing to answer to, and nothing was taken in.
            LOG.warnf("Firehose delivery for app %s could not be read: %s", appId, e.getMessage());
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorBody("unreadable-body", "the body could not be read: " + e.getMessage()));
        }
        ParsedDelivery delivery;
        boolean gzipped = CappedInflater.looksGzipped(body)
                || contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
        try {
            if (body.length > cap) {
                throw new TooLargeException(cap);
            }
            delivery = parser.parse(appId, gzipped ? CappedInflater.inflate(new ByteArrayInputStream(body), cap) : body);
        } catch (TooLargeException e) {
            metrics.delivery(appId, Delivery.TOO_LARGE);
            LOG.warnf("Firehose delivery for app %s refused: %s (sentiance.webhook.max-inflated-size)", appId, e.getMessage());
            return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .entity(new ErrorBody("too-large", e.getMessage() + "; send smaller deliveries"));
        } catch (IOException e) {
            delivery = new ParsedDelivery(List.of(), List.of(new Rejected(null, body, "body is not valid gzip: " + e.getMessage())));
        }
        try {
            publisher.publishAll(toRecords(appId, delivery), move.webhook().publishTimeout());
        } catch (PublishException e) {
            metrics.delivery(appId, Delivery.KAFKA_UNAVAILABLE);
            LOG.warnf("Firehose delivery of %d messages for app %s not acknowledged by Kafka, Sentiance will retry: %s",
                    delivery.usable().size(), appId, e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", move.webhook().retryAfterSeconds())
                    .entity(new ErrorBody("kafka-unavailable", "messages could not be stored durably; retry later"));
        }
        metrics.delivery(appId, Delivery.OK);
        delivery.usable().forEach(message -> metrics.accepted(appId, message.typeLabel()));
        delivery.rejected().forEach(rejected -> metrics.deadLettered(appId, FirehoseMetrics.UNKNOWN_TYPE));
        if (!delivery.rejected().isEmpty()) {
            LOG.warnf("Firehose delivery for app %s had %d unusable parts, kept on the DLQ; first: %s",
                    appId, delivery.rejected().size(), delivery.rejected().get(0).reason());
        }
        return Response.ok(new Acknowledgement(delivery.usable().size(), delivery.rejected().size()));
    }

    private List<ProducerRecord<String, byte[]>> toRecords(String appId, ParsedDelivery delivery) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(delivery.usable().size() + delivery.rejected().size());
        for (FirehoseMessage message : delivery.usable()) {
            out.add(records.message(message));
        }
        for (Rejected rejected : delivery.rejected()) {
            out.add(records.deadLetter(appId, rejected.key(), rejected.raw(), rejected.reason(), FailureRecords.SOURCE_RECEIVER, 0));
        }
        return out;
    }

    /** The GET check's answer. */
    public record AppAnswer(@JsonProperty("app_id") String appId) {
    }

    /** A test delivery's answer: taken, counted, published nowhere. */
    public record TestAnswer(boolean test) {
    }
}
