package org.movetimeline.ingest;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.topics.RecordPublisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The last stage of any source's poll batch: publishes the records of its changed rows and routes its failures
 * (retry tier or DLQ), returning only once Kafka acknowledged all. A row's record Kafka refuses for what it is (too
 * large for the topic) is dead-lettered on its own; its row stays. Anything else Kafka refuses throws.
 */
public final class BatchPublication {

    private BatchPublication() {
    }

    /**
     * @param rowRecords the changed rows' records, in the order of their rows
     * @param refusedRow the failure of the {@code index}-th row whose record Kafka refused, given Kafka's words
     * @return the failures of refused rows' records, already dead-lettered
     * @throws RecordPublisher.PublishException when Kafka is unreachable or refuses a retry or dead-letter record
     */
    public static List<Failure> publish(RecordPublisher publisher, FailureRouter router,
                                        List<ProducerRecord<String, byte[]>> rowRecords, List<Failure> failures,
                                        BiFunction<Integer, String, Failure> refusedRow, Duration timeout) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(rowRecords.size() + failures.size());
        out.addAll(rowRecords);
        failures.forEach(f -> out.add(router.route(f)));
        Map<Integer, Exception> refused = publisher.publishEach(out, timeout);
        List<Failure> refusedRows = new ArrayList<>(refused.size());
        if (!refused.isEmpty()) {
            List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>(refused.size());
            refused.forEach((index, error) -> {
                if (index >= rowRecords.size()) {
                    throw new RecordPublisher.PublishException("Kafka refused a record for " + out.get(index).topic()
                            + ": " + error.getMessage(), error);
                }
                Failure failure = refusedRow.apply(index, "Kafka refused the item for " + out.get(index).topic() + ": "
                        + RowWriter.rootMessage(error));
                refusedRows.add(failure);
                deadLetters.add(router.route(failure));
            });
            publisher.publishAll(deadLetters, timeout);
        }
        return refusedRows;
    }
}
