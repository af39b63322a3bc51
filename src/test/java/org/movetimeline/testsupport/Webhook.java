package org.movetimeline.testsupport;

import org.movetimeline.timeline.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Test batches for the webhook: bodies as MOVE's Timeline Notifier writes them, signed as MOVE documents ({@link WebhookSignature}). */
public final class Webhook {

    public static final String SECRET_OLD = "test-secret-old";
    public static final String SECRET_NEW = "test-secret-new";
    public static final Instant BASE = Instant.parse("2026-03-01T08:00:00Z");

    private Webhook() {
    }

    /** One announced item exactly as the notifier would write it. */
    public static String item(int projectId, String userId, Instant start) {
        return "{\"projectId\":" + projectId + ",\"userId\":\"" + userId + "\",\"startTime\":\"" + start
                + "\",\"endTime\":\"" + start.plusSeconds(600) + "\",\"type\":\"CAR\"}";
    }

    /** {@code count} distinct items of project {@code projectId}, spread over 50 users. */
    public static List<String> items(int projectId, int count) {
        List<String> out = new ArrayList<>(count);
        IntStream.range(0, count).forEach(i -> out.add(item(projectId, "u" + (i % 50), BASE.plusSeconds(3600L * i))));
        return out;
    }

    public static String batch(List<String> items) {
        return "{\"items\":[" + String.join(",", items) + "]}";
    }

    public static String signature(String body, String secret) {
        return WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), secret);
    }
}
