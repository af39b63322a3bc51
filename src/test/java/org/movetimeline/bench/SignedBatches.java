package org.movetimeline.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.movetimeline.simulator.Notification;
import org.movetimeline.simulator.NotificationFeed;
import org.movetimeline.simulator.TimelineGenerator;
import org.movetimeline.timeline.WebhookSignature;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook requests as MOVE's notifier would send them: 1000 items of the simulated users per batch,
 * signed, ready to write to a socket. Items come in the notifier's order (item k of every user, then
 * k+1), so every batch announces new keys that the simulator's API can serve. Not thread-safe.
 */
final class SignedBatches {

    static final int ITEMS_PER_BATCH = 1000;

    private final ObjectMapper mapper = new ObjectMapper();
    private final NotificationFeed feed;
    private final String secret;
    private final String host;

    /** A prepared request and the items it announces. */
    record SignedBatch(byte[] request, List<Notification.Item> items) {
    }

    SignedBatches(TimelineGenerator generator, List<Integer> projects, String secret, String host) {
        this.feed = new NotificationFeed(generator, projects);
        this.secret = secret;
        this.host = host;
    }

    List<SignedBatch> next(int batches) {
        List<SignedBatch> out = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            List<Notification.Item> items = new ArrayList<>(ITEMS_PER_BATCH);
            for (int j = 0; j < ITEMS_PER_BATCH; j++) {
                items.add(feed.next());
            }
            out.add(new SignedBatch(request(body(items)), items));
        }
        return out;
    }

    private byte[] body(List<Notification.Item> items) {
        try {
            return mapper.writeValueAsBytes(new Notification(items));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] request(byte[] body) {
        String head = "POST /webhooks/move/timeline HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: application/json\r\n"
                + WebhookSignature.HEADER + ": " + WebhookSignature.sign(body, secret) + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
        request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return request.toByteArray();
    }
}
