package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.movetimeline.topics.RecordPublisher;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.movetimeline.ingest.IngestPipelineTest.MAPPER;
import static org.movetimeline.ingest.IngestPipelineTest.MOVE;
import static org.movetimeline.ingest.IngestPipelineTest.committedUpTo;
import static org.movetimeline.ingest.IngestPipelineTest.endOffsets;

/** A short poll interval, slow GPS points and long retry delays: nothing waits longer than it must. */
@QuarkusTest
@TestProfile(BoundedWaitingTest.ShortPollInterval.class)
class BoundedWaitingTest {

    public static class ShortPollInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One call may take 0.5 + 1 + 0.5 + 2 s, inside the 5 s that a 10 s poll interval leaves MOVE.
            return Map.of("move.ingest.max-poll-interval", "10s",
                    "move.api.retry.max-duration", "500ms",
                    "move.api.limit.max-wait", "1s",
                    "quarkus.rest-client.move-api.connect-timeout", "500",
                    "quarkus.rest-client.move-api.read-timeout", "2000",
                    "move.ingest.max-attempts", "10",
                    "move.ingest.retry-delay", "2s",
                    "move.ingest.max-retry-delay", "1h");
        }
    }

    static final Instant START = Instant.parse("2026-08-01T00:00:00Z");

    @Inject
    IngestConsumer consumer;
    @Inject
    FailureRouter router;
    @Inject
    RecordPublisher publisher;

    @Test
    void slowGpsPointsOfAHundredTripsDoNotStallTheConsumer() throws Exception {
        // One after another these points would take 40 s, four times the poll interval.
        MOVE.pointsLatency(Duration.ofMillis(400));
        try (Admin admin = PoisonIsolationTest.admin()) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Instant start = START.plusSeconds(3600L * i);
                MOVE.put(FakeMoveApi.tripItem(1004, "slow-points", start, "CYCLING"));
                var points = MAPPER.createArrayNode();
                points.addObject().put("ts", start.toString()).put("lat", 48.2).put("lon", 16.37);
                MOVE.putPoints(1004, "slow-points", start, points);
                batch.add(Webhook.item(1004, "slow-points", start));
            }
            consumer.stop();
            try {
                IngestPipelineTest.notifyItems(batch);
            } finally {
                consumer.start();
            }
            Map<TopicPartition, OffsetAndMetadata> end = endOffsets(admin);

            await().atMost(Duration.ofSeconds(60)).until(() -> committedUpTo(admin, end));
            await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(1004, "slow-points") == 100);
            assertEquals(100L, Rows.query("SELECT count(*) AS n FROM timeline_point WHERE user_id = 'slow-points'")
                    .get(0).get("n"));
        } finally {
            MOVE.pointsLatency(Duration.ZERO);
        }
    }

    @Test
    void aRetryDueSoonIsNotHeldBackByOneDueLateOfTheSameUser() throws Exception {
        Instant lateStart = START.plusSeconds(86_400 * 30);
        Instant soonStart = lateStart.plusSeconds(3600);
        MOVE.put(FakeMoveApi.tripItem(1000, "head-of-line", lateStart, "CAR"));
        MOVE.put(FakeMoveApi.tripItem(1000, "head-of-line", soonStart, "CAR"));
        // Written in this order for one user (one Kafka key): the ninth attempt waits 512 s, the first 2 s.
        Failure late = failure(Webhook.item(1000, "head-of-line", lateStart), 8);
        Failure soon = failure(Webhook.item(1000, "head-of-line", soonStart), 0);
        publisher.publishAll(List.of(router.route(late), router.route(soon)), Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(15)).until(() -> Rows.count(1000, "head-of-line") == 1);
        assertEquals(java.sql.Timestamp.from(soonStart), Rows.ofUser(1000, "head-of-line").get(0).get("start_ts"));
    }

    static Failure failure(String notification, int attemptsBefore) throws Exception {
        byte[] raw = notification.getBytes(StandardCharsets.UTF_8);
        return Failure.retry(new Pending(TimelineNotification.from(MAPPER.readTree(raw), raw), attemptsBefore), "test");
    }
}
