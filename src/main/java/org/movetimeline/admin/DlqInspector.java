package org.movetimeline.admin;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Map;

/** Reads what waits on one source's DLQ, without moving its replay cursor. */
public class DlqInspector {

    private final DlqSource source;
    private final Map<String, Object> kafkaConfig;

    DlqInspector(DlqSource source, Map<String, Object> kafkaConfig) {
        this.source = source;
        this.kafkaConfig = kafkaConfig;
    }

    /** Whose its dead letters are: the tenant parameter of its filters. */
    Tenancy tenancy() {
        return source.tenancy();
    }

    public DlqSummary summarize(DlqFilter filter, Duration timeLimit) {
        DlqSummary.Tally tally = new DlqSummary.Tally();
        long[] examined = {0};
        try (DlqCursor cursor = new DlqCursor(kafkaConfig, source.dlq(), source.cursorGroup())) {
            long left = cursor.forEachBatch(timeLimit, batch -> {
                examined[0] += batch.size();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    DeadLetter letter = DeadLetter.of(record, source.tenancy());
                    if (filter.matches(letter)) {
                        tally.add(letter);
                    }
                }
            });
            return tally.summary(filter, source.tenancy(), examined[0], left);
        }
    }
}
