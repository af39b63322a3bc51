package org.movetimeline.receiver;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.receiver.NotificationBatchParser.ParsedBatch;
import org.movetimeline.receiver.NotificationBatchParser.Rejected;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.timeline.WebhookSignature;
import org.movetimeline.topics.FailureRecords;
import org.movetimeline.topics.NotificationRecords;
import org.movetimeline.topics.RecordPublisher.PublishException;
import org.movetimeline.topics.RecordPublisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MOVE's Timeline Notifier calls this. A batch is acknowledged only once Kafka holds every item;
 * a signed batch is never refused with 4xx, since MOVE would retry it forever.
 */
@Path("/webhooks/move/timeline")
public class TimelineWebhookResource {

    private static final Logger LOG = Logger.getLogger(TimelineWebhookResource.class);

    @Inject
    AppConfig app;
    @Inject
    MoveConfig config;
    @Inject
    SignatureVerifier verifier;
    @Inject
    NotificationBatchParser parser;
    @Inject
    NotificationRecords records;
    @Inject
    RecordPublisher publisher;
    @Inject
    ReceiverMetrics metrics;

    @POST
    @Blocking // waits for Kafka's acknowledgement on a worker thread, never on the event loop
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam(WebhookSignature.HEADER) String signature,
                            @HeaderParam(RequestId.HEADER) String requestId, byte[] body) {
        if (!app.receiver().enabled()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        String id = RequestId.of(requestId);
        MDC.put(RequestId.MDC_KEY, id);
        try {
            Response.ResponseBuilder answer = handle(signature, body);
            return answer.header(RequestId.HEADER, id).build();
        } finally {
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    private Response.ResponseBuilder handle(String signature, byte[] body) {
        SignatureVerifier.Verdict verdict = verifier.verify(body, signature);
        if (verdict != SignatureVerifier.Verdict.VALID) {
            metrics.rejected(verdict.reason());
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(new ErrorBody(verdict.reason(), "X-Dolphin-Signature must be sha256=<base64 HMAC-SHA256 of the body> with a configured secret"));
        }
        ParsedBatch batch = parser.parse(body);
        long started = System.nanoTime();
        try {
            publisher.publishAll(toRecords(batch), config.webhook().publishTimeout());
        } catch (PublishException e) {
            metrics.rejected("kafka-unavailable");
            LOG.warnf("batch of %d items not acknowledged by Kafka, MOVE will retry: %s", batch.usable().size(), e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", config.webhook().retryAfterSeconds())
                    .entity(new ErrorBody("kafka-unavailable", "notifications could not be stored durably; retry later"));
        }
        metrics.accepted(batch.usable().size(), batch.rejected().size(), Duration.ofNanos(System.nanoTime() - started));
        if (!batch.rejected().isEmpty()) {
            LOG.warnf("signed batch had %d unusable parts, kept on the DLQ; first: %s",
                    batch.rejected().size(), batch.rejected().get(0).reason());
        }
        return Response.ok(new Acknowledgement(batch.usable().size(), batch.rejected().size()));
    }

    private List<ProducerRecord<String, byte[]>> toRecords(ParsedBatch batch) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(batch.usable().size() + batch.rejected().size());
        for (TimelineNotification notification : batch.usable()) {
            out.add(records.notification(notification));
        }
        for (Rejected rejected : batch.rejected()) {
            out.add(records.deadLetter(null, rejected.raw(), rejected.reason(), FailureRecords.SOURCE_RECEIVER, 0));
        }
        return out;
    }

    /** {@code accepted} items are on the notifications topic, {@code deadLettered} parts on the DLQ. */
    public record Acknowledgement(int accepted, int deadLettered) {
    }

    @RegisterForReflection // the admin endpoints write it with Jackson outside the REST layer too
    public record ErrorBody(String error, String message) {
    }
}
