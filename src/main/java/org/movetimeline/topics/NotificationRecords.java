package org.movetimeline.topics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.timeline.TimelineNotification;

/** Builds the records of MOVE's four topics, so topic names and headers are decided in one place. */
@ApplicationScoped
public class NotificationRecords {

    private final MoveConfig config;

    @Inject
    public NotificationRecords(MoveConfig config) {
        this.config = config;
    }

    public ProducerRecord<String, byte[]> notification(TimelineNotification notification) {
        return new ProducerRecord<>(config.topics().notifications(), notification.key(), notification.raw());
    }

    /** Kept raw on MOVE's DLQ, with the reason, for a person or a replay to deal with. {@code key} may be null. */
    public ProducerRecord<String, byte[]> deadLetter(String key, byte[] raw, String reason, String source, int attempt) {
        return FailureRecords.deadLetter(config.topics().dlq(), key, raw, reason, source, attempt);
    }

    public ProducerRecord<String, byte[]> item(int projectId, String userId, byte[] itemJson) {
        return new ProducerRecord<>(config.topics().items(), TimelineNotification.recordKey(projectId, userId), itemJson);
    }
}
