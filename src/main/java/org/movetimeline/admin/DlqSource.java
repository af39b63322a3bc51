package org.movetimeline.admin;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.Optional;
import java.util.function.Function;

/**
 * The DLQ of one source (MOVE, Sentiance), as the admin tools serve it: every source's dead letters carry the same
 * headers (topics.FailureRecords), so only these differ.
 *
 * @param name        for log lines
 * @param dlq         the topic the dead letters wait on
 * @param target      the topic a replay sends them to, the one their source's consumer reads
 * @param cursorGroup the consumer group whose committed offsets are the replay cursor (topics.ConsumerSettings)
 * @param tenancy     whose a dead letter is, and the filter parameter that asks for it
 * @param replay      the record a dead letter is replayed as, carrying none of the retry headers so that it gets a
 *                    fresh attempt budget; empty when it cannot be replayed (it is skipped, left for a person to read)
 */
record DlqSource(String name, String dlq, String target, String cursorGroup, Tenancy tenancy,
                 Function<DeadLetter, Optional<ProducerRecord<String, byte[]>>> replay) {
}
