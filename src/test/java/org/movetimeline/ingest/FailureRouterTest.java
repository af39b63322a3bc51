package org.movetimeline.ingest;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.testsupport.TestConfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureRouterTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final MoveConfig CONFIG = TestConfig.move(Map.of("move.ingest.max-attempts", "4"));
    static final FailureRouter ROUTER = new FailureRouter(RetryTiers.of(CONFIG.topics().retry(), CONFIG.ingest()), 4, CONFIG.topics().dlq(),
            Clock.fixed(NOW, ZoneOffset.UTC));
    static final byte[] RAW = "{\"projectId\":1}".getBytes(StandardCharsets.UTF_8);

    static String header(ProducerRecord<String, byte[]> record, String name) {
        return RecordHeaders.get(record.headers(), name);
    }

    @Test
    void aFirstFailureWaitsOnTheFirstTier() {
        ProducerRecord<String, byte[]> record = ROUTER.route(new Failure("1:u", RAW, 0, "answered 500", true));

        assertEquals("move.timeline.notifications.retry.30s", record.topic());
        assertEquals("1:u", record.key());
        assertEquals(RAW, record.value());
        assertEquals("1", header(record, RecordHeaders.ATTEMPT));
        assertEquals(String.valueOf(NOW.plusSeconds(30).toEpochMilli()), header(record, RecordHeaders.NOT_BEFORE));
        assertEquals("answered 500", header(record, RecordHeaders.REASON));
    }

    @Test
    void laterFailuresWaitLongerOnTheirOwnTier() {
        ProducerRecord<String, byte[]> record = ROUTER.route(new Failure("1:u", RAW, 2, "answered 500", true));

        assertEquals("move.timeline.notifications.retry.2m", record.topic());
        assertEquals("3", header(record, RecordHeaders.ATTEMPT));
    }

    @Test
    void theLastAttemptGoesToTheDlqSayingSo() {
        Failure last = new Failure("1:u", RAW, 3, "answered 500", true);
        ProducerRecord<String, byte[]> record = ROUTER.route(last);

        assertFalse(ROUTER.retries(last));
        assertEquals("move.timeline.notifications.dlq", record.topic());
        assertEquals("answered 500 (gave up after 4 attempts)", header(record, RecordHeaders.REASON));
        assertEquals("4", header(record, RecordHeaders.ATTEMPT));
        assertEquals("ingest", header(record, RecordHeaders.SOURCE));
    }

    @Test
    void aFailureThatRetryingCannotCureGoesStraightToTheDlq() {
        Failure poison = new Failure("1:u", RAW, 0, "PostgreSQL refused the item: ...", false);
        ProducerRecord<String, byte[]> record = ROUTER.route(poison);

        assertFalse(ROUTER.retries(poison));
        assertTrue(ROUTER.retries(new Failure("1:u", RAW, 0, "x", true)));
        assertEquals("move.timeline.notifications.dlq", record.topic());
        assertEquals("PostgreSQL refused the item: ...", header(record, RecordHeaders.REASON));
        assertEquals("0", header(record, RecordHeaders.ATTEMPT));
    }
}
