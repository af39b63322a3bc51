package org.movetimeline.ingest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.Webhook;
import org.movetimeline.testsupport.Rows;
import org.movetimeline.testsupport.TestDatabase;
import org.movetimeline.testsupport.TopicReader;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.movetimeline.ingest.IngestPipelineTest.MOVE;
import static org.movetimeline.ingest.IngestPipelineTest.at;
import static org.movetimeline.ingest.IngestPipelineTest.notifyItems;

/** The database gone for 20 s while notifications keep coming: the consumer waits, nothing is dead-lettered or lost. */
@QuarkusTest
@DisabledIfSystemProperty(named = "tests.devservices", matches = "true",
        disabledReason = "it locks the test database on the local server, which Dev Services do not use")
class DatabaseOutageTest {

    static final int USERS = 10;

    @Test
    void aDatabaseOutageUnderLoadDeadLettersNothingAndLosesNothing() throws Exception {
        int sent = 0;
        try (TopicReader dlq = TopicReader.from("move.timeline.notifications.dlq")) {
            sent += notifyRound(sent);
            await().atMost(IngestPipelineTest.WAIT).until(() -> stored() == USERS);

            TestDatabase.shared().refuseConnections(true);
            try {
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < until) {
                    sent += notifyRound(sent);
                    Thread.sleep(1000);
                }
            } finally {
                TestDatabase.shared().refuseConnections(false);
            }

            int expected = sent;
            await().atMost(Duration.ofSeconds(90)).until(() -> stored() == expected);
            List<String> deadOfTest = dlq.readAll(Duration.ofSeconds(3)).stream()
                    .map(r -> r.key()).filter(k -> k != null && k.startsWith("1000:db-outage-")).toList();
            assertEquals(List.of(), deadOfTest, "nothing of the outage is dead-lettered");
        }
        assertEquals(sent, stored());
    }

    /** One webhook batch of one new trip per user; returns how many. */
    static int notifyRound(int sentBefore) {
        List<String> batch = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Instant start = at(1000 + sentBefore + u);
            MOVE.put(FakeMoveApi.tripItem(1000, "db-outage-" + u, start, "CAR"));
            batch.add(Webhook.item(1000, "db-outage-" + u, start));
        }
        notifyItems(batch);
        return batch.size();
    }

    static long stored() {
        return (Long) Rows.query("SELECT count(*) AS n FROM timeline_item WHERE user_id LIKE 'db-outage-%'").get(0).get("n");
    }
}
