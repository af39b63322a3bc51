package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Metrics;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.OneProjectInTroubleProfile;
import org.movetimeline.testsupport.RetryRecords;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TopicReader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 429 means slower, not broken: a rate-limited project waits as MOVE asks, and the other one is not held up.
 * A slow project's timeouts are told apart from other I/O errors.
 */
@QuarkusTest
@TestProfile(OneProjectInTroubleProfile.class)
class RateLimitTest {

    static final int LIMITED = 1005;
    static final int HEALTHY = 1006;
    static final int SLOW = 1009;
    static final int RETRY_AFTER_SECONDS = 2;

    @Test
    void aRateLimitedProjectWaitsForRetryAfterWhileAnotherProjectGetsThroughWithoutRetries() {
        FakeMoveApi move = FakeMoveApi.shared();
        Instant start = Instant.parse("2026-07-01T00:00:00Z");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            move.put(FakeMoveApi.tripItem(LIMITED, "limited", start.plusSeconds(3600L * i), "CAR"));
            batch.add(Webhook.item(LIMITED, "limited", start.plusSeconds(3600L * i)));
        }
        for (int i = 0; i < 10; i++) {
            move.put(FakeMoveApi.tripItem(HEALTHY, "healthy", start.plusSeconds(3600L * i), "BUS"));
            batch.add(Webhook.item(HEALTHY, "healthy", start.plusSeconds(3600L * i)));
        }
        move.retryAfter(LIMITED, RETRY_AFTER_SECONDS);
        move.failNext(LIMITED, 429, 429);

        try (TopicReader retry = RetryRecords.reader(); TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            IngestPipelineTest.notifyItems(batch);

            await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(HEALTHY, "healthy") == 10
                    && Rows.count(LIMITED, "limited") == 20);
            List<ConsumerRecord<String, byte[]>> retried = retry.readAll(Duration.ofSeconds(2));
            assertEquals(List.of(), keysOf(retried, HEALTHY + ":healthy"), "the healthy project needed no retry");
            assertEquals(List.of(), keysOf(dlq.readAll(Duration.ofMillis(500)), LIMITED + ":limited"));
        }

        assertTrue(move.calls(HEALTHY).stream().allMatch(c -> c.status() == 200));
        List<FakeMoveApi.BatchCall> limited = move.calls(LIMITED);
        List<FakeMoveApi.BatchCall> rateLimited = limited.stream().filter(c -> c.status() == 429).toList();
        assertEquals(2, rateLimited.size());
        for (FakeMoveApi.BatchCall refused : rateLimited) {
            // The same chunk asked again: not before MOVE's Retry-After had passed.
            FakeMoveApi.BatchCall again = limited.stream()
                    .filter(c -> c.keys().equals(refused.keys()) && c.received().isAfter(refused.received()))
                    .findFirst().orElseThrow();
            Duration waited = Duration.between(refused.received(), again.received());
            assertTrue(waited.compareTo(Duration.ofMillis(RETRY_AFTER_SECONDS * 1000L - 100)) >= 0, "asked again after " + waited);
        }

        String project = Integer.toString(LIMITED);
        assertEquals(2, Metrics.value("move_api_calls_total", "project", project, "outcome", "429"));
        // Two 429s among the first four calls would have tripped this profile's breaker, had they counted.
        assertEquals(0, Metrics.value("move_api_breaker_state", "project", project));
        assertEquals(0, Metrics.value("move_api_calls_total", "project", project, "outcome", "refused"));
        assertTrue(Metrics.value("move_api_limit", "project", project) >= 1);
        assertEquals(0, Metrics.value("move_api_calls_total", "project", Integer.toString(HEALTHY), "outcome", "429"));
    }

    @Test
    void timeoutsOfASlowProjectAreCountedAsSuchAndItsItemIsStoredOnceMoveIsFastAgain() {
        FakeMoveApi move = FakeMoveApi.shared();
        Instant start = Instant.parse("2026-07-02T00:00:00Z");
        move.put(FakeMoveApi.tripItem(SLOW, "slow", start, "CAR"));
        move.latency(SLOW, Duration.ofSeconds(3)); // past the profile's 1.5 s read timeout
        try (TopicReader retry = RetryRecords.reader()) {
            IngestPipelineTest.notifyItems(List.of(Webhook.item(SLOW, "slow", start)));

            ConsumerRecord<String, byte[]> retried = retry.readUntil(got -> !keysOf(got, SLOW + ":slow").isEmpty(),
                    Duration.ofSeconds(30)).stream().filter(r -> (SLOW + ":slow").equals(r.key())).findFirst().orElseThrow();
            String reason = RecordHeaders.get(retried.headers(), RecordHeaders.REASON);
            assertTrue(reason.contains("POST /v20/timeline/batch failed"), reason);
        } finally {
            move.latency(SLOW, Duration.ZERO);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(SLOW, "slow") == 1);
        // One attempt and two in-call retries, each a timeout, not an I/O error.
        assertEquals(3, Metrics.value("move_api_calls_total", "project", Integer.toString(SLOW), "outcome", "timeout"));
        assertEquals(0, Metrics.value("move_api_calls_total", "project", Integer.toString(SLOW), "outcome", "io"));
    }

    static List<String> keysOf(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().map(ConsumerRecord::key).filter(key::equals).toList();
    }
}
