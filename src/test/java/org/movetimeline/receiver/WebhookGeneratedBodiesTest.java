package org.movetimeline.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.receiver.MutatedBodies.Body;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.ReceiverOnlyProfile;
import org.movetimeline.testsupport.TopicReader;
import org.movetimeline.timeline.WebhookSignature;
import org.movetimeline.topics.FailureRecords;
import org.movetimeline.topics.RecordHeaders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of signed, generated bodies against the real endpoint and broker: the answer to each is 200 with
 * the contract body or (only above the limit) 413, never a 5xx, and the records on the topics are what the
 * answers counted. {@code -Dwebhook.fuzz.seed=N} replays a run, {@code -Dwebhook.fuzz.bodies=N} sizes it.
 */
@QuarkusTest
@TestProfile(ReceiverOnlyProfile.class)
class WebhookGeneratedBodiesTest {

    static final long SEED = Long.getLong("webhook.fuzz.seed", System.nanoTime());
    static final int BODIES = Integer.getInteger("webhook.fuzz.bodies", 3000);
    static final Duration WAIT = Duration.ofSeconds(60);

    final ObjectMapper json = new ObjectMapper();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong answered413 = new AtomicLong();

    @TestHTTPResource(WebhookReceiverTest.PATH)
    URI endpoint;
    @Inject
    MoveConfig config;

    @Test
    void everySignedBodyGets200Or413WithTheContractBodyAndTheTopicsAgree() throws InterruptedException {
        System.out.println("WebhookGeneratedBodiesTest: seed " + SEED + ", " + BODIES + " bodies");
        long limit = config.webhook().maxBodySize().asLongValue();
        MutatedBodies bodies = new MutatedBodies((int) limit);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TopicReader notifications = TopicReader.from("move.timeline.notifications");
             TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            IntStream.range(0, BODIES).forEach(i -> senders.execute(() -> send(client, i, bodies.body(SEED, i), limit)));
            senders.shutdown();
            assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES), "seed " + SEED + ": all bodies answered");
            assertTrue(failures.isEmpty(), () -> "seed " + SEED + " (rerun with -Dwebhook.fuzz.seed=" + SEED + "): "
                    + failures.size() + " bad answers, first ones:\n" + String.join("\n", failures.stream().limit(10).toList()));

            System.out.printf("WebhookGeneratedBodiesTest: %d answers 413, the rest 200: %d items accepted, %d parts dead-lettered%n",
                    answered413.get(), accepted.get(), deadLettered.get());
            List<ConsumerRecord<String, byte[]>> published = notifications.read((int) accepted.get(), WAIT);
            published.addAll(notifications.readAll(Duration.ofSeconds(2)));
            assertEquals(accepted.get(), published.size(), "seed " + SEED + ": one record per accepted item, no more");
            List<ConsumerRecord<String, byte[]>> dead = dlq.read((int) deadLettered.get(), WAIT);
            dead.addAll(dlq.readAll(Duration.ofSeconds(2)));
            assertEquals(deadLettered.get(), dead.size(), "seed " + SEED + ": one DLQ record per dead-lettered part, no more");
            for (ConsumerRecord<String, byte[]> record : dead) {
                String reason = RecordHeaders.get(record.headers(), RecordHeaders.REASON);
                assertTrue(reason != null && !reason.isBlank(), "seed " + SEED + ": every DLQ record says why");
                assertEquals(FailureRecords.SOURCE_RECEIVER, RecordHeaders.get(record.headers(), RecordHeaders.SOURCE));
            }
        }
    }

    private void send(HttpClient client, int index, Body body, long limit) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                // As curl does for large bodies: without it the server's early 413 can be lost to the reset of a
                // connection it closes while the client is still sending.
                .expectContinue(body.bytes().length >= 64 * 1024)
                .header("Content-Type", body.contentType())
                .header("X-Dolphin-Signature", WebhookSignature.sign(body.bytes(), index % 2 == 0 ? Webhook.SECRET_OLD : Webhook.SECRET_NEW))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        String verdict;
        try {
            verdict = verdict(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), body, limit);
        } catch (IOException e) {
            verdict = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = "interrupted";
        }
        if (verdict != null) {
            failures.add("body #" + index + " (" + body.recipe() + ", " + body.contentType() + "): " + verdict + "\n  sent " + body.excerpt());
        }
    }

    /** Null when the answer is what the contract says for this body, else what is wrong with it. */
    private String verdict(HttpResponse<byte[]> answer, Body body, long limit) {
        boolean tooLarge = body.bytes().length > limit;
        if (answer.statusCode() == 413) {
            answered413.incrementAndGet();
            return tooLarge ? null : "413 for " + body.bytes().length + " bytes, under the limit of " + limit;
        }
        String whole = new String(answer.body(), StandardCharsets.UTF_8);
        String text = whole.length() > 500 ? whole.substring(0, 500) + "..." : whole;
        if (answer.statusCode() != 200 || tooLarge) {
            return answer.statusCode() + " " + text;
        }
        try {
            JsonNode ack = json.readTree(answer.body());
            if (ack == null || ack.size() != 2 || !ack.path("accepted").isInt() || !ack.path("deadLettered").isInt()
                    || ack.get("accepted").intValue() < 0 || ack.get("deadLettered").intValue() < 0) {
                return "200 without the contract body: " + text;
            }
            accepted.addAndGet(ack.get("accepted").intValue());
            deadLettered.addAndGet(ack.get("deadLettered").intValue());
            return null;
        } catch (IOException e) {
            return "200 with a body that is not JSON: " + text;
        }
    }
}
