package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
 * One project's MOVE outage opens that project's breaker alone: its calls stop, another project's items keep
 * flowing, and once MOVE is back nothing of the failing project is lost.
 */
@QuarkusTest
@TestProfile(OneProjectInTroubleProfile.class)
class CircuitBreakerTest {

    static final int FAILING = 1007;
    static final int HEALTHY = 1008;
    static final String OPEN = "circuit breaker of project " + FAILING + " is open";

    static boolean refusedByOpenBreaker(ConsumerRecord<String, byte[]> record) {
        String reason = RecordHeaders.get(record.headers(), RecordHeaders.REASON);
        return (FAILING + ":outage").equals(record.key()) && reason != null && reason.contains(OPEN);
    }

    static List<String> notifications(int projectId, String userId, int count) {
        FakeMoveApi move = FakeMoveApi.shared();
        Instant start = Instant.parse("2026-06-01T00:00:00Z");
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            move.put(FakeMoveApi.tripItem(projectId, userId, start.plusSeconds(3600L * i), "CAR"));
            batch.add(Webhook.item(projectId, userId, start.plusSeconds(3600L * i)));
        }
        return batch;
    }

    @Test
    void anOutageOpensOnlyThatProjectsBreakerAndItsItemsAreStoredAfterIt() {
        FakeMoveApi move = FakeMoveApi.shared();
        List<String> failing = notifications(FAILING, "outage", 3);
        List<String> healthy = notifications(HEALTHY, "unaffected", 10);
        move.failAlways(FAILING);
        try (TopicReader retry = RetryRecords.reader(); TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            IngestPipelineTest.notifyItems(failing);

            // 500s open the breaker; the next attempt is refused without a call, which the retry record says.
            List<ConsumerRecord<String, byte[]>> retried = retry.readUntil(
                    got -> got.stream().anyMatch(CircuitBreakerTest::refusedByOpenBreaker), Duration.ofSeconds(30));
            assertTrue(retried.stream().anyMatch(CircuitBreakerTest::refusedByOpenBreaker), "the breaker opened");
            int whileOpen = move.calls(FAILING).size();
            assertEquals(1, Metrics.value("move_api_breaker_state", "project", Integer.toString(FAILING)));

            IngestPipelineTest.notifyItems(healthy);
            await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(HEALTHY, "unaffected") == 10);
            assertEquals(whileOpen, move.calls(FAILING).size(), "the open breaker keeps calls away from MOVE");
            assertEquals(0, Metrics.value("move_api_breaker_state", "project", Integer.toString(HEALTHY)));
            assertTrue(move.calls(HEALTHY).stream().allMatch(c -> c.status() == 200));

            move.recover(FAILING);
            await().atMost(Duration.ofSeconds(30)).until(() -> Rows.count(FAILING, "outage") == 3);

            retried.addAll(retry.readAll(Duration.ofSeconds(1)));
            assertEquals(List.of(), retried.stream().map(ConsumerRecord::key).filter((HEALTHY + ":unaffected")::equals).toList(),
                    "the healthy project needed no retry");
            // Refusals while the breaker was open used attempts, but well under max-attempts: nothing was given up.
            assertEquals(List.of(), dlq.readAll(Duration.ofMillis(500)).stream().map(ConsumerRecord::key)
                    .filter((FAILING + ":outage")::equals).toList());
        } finally {
            move.recover(FAILING);
        }
        assertTrue(Metrics.value("move_api_calls_total", "project", Integer.toString(FAILING), "outcome", "refused") >= 1);
        assertTrue(Metrics.value("move_api_calls_total", "project", Integer.toString(FAILING), "outcome", "5xx") >= 4);
    }
}
