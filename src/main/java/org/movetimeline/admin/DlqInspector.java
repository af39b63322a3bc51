package org.movetimeline.admin;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.movetimeline.config.MoveConfig;

import java.time.Duration;
import java.util.Map;

/** Reads what waits on the DLQ, without moving the replay cursor. */
@ApplicationScoped
public class DlqInspector {

    @Inject
    MoveConfig config;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    public DlqSummary summarize(DlqFilter filter, Duration timeLimit) {
        DlqSummary.Tally tally = new DlqSummary.Tally();
        long[] examined = {0};
        try (DlqCursor cursor = new DlqCursor(kafkaConfig, config.topics().dlq())) {
            long left = cursor.forEachBatch(timeLimit, batch -> {
                examined[0] += batch.size();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    DeadLetter letter = DeadLetter.of(record);
                    if (filter.matches(letter)) {
                        tally.add(letter);
                    }
                }
            });
            return tally.summary(filter, examined[0], left);
        }
    }
}
