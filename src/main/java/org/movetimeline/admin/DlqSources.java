package org.movetimeline.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.topics.NotificationRecords;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.topics.SentianceRecords;
import org.movetimeline.topics.RecordPublisher;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DLQs the admin tools serve, and the inspector and replayer of each: MOVE's (the default beans) and Sentiance's
 * ({@code @Identifier("sentiance")}, whose routes exist only while Sentiance is configured).
 */
@ApplicationScoped
public class DlqSources {

    static final String SENTIANCE = "sentiance";
    static final String MOVE_CURSOR_GROUP = "move-timeline-ingest-dlq-replay";
    static final String SENTIANCE_CURSOR_GROUP = "sentiance-ingest-dlq-replay";

    private final DlqSource move;
    private final DlqSource sentiance;
    private final boolean sentianceConfigured;
    private final Map<String, Object> kafkaConfig;
    private final RecordPublisher publisher;

    @Inject
    public DlqSources(MoveConfig moveConfig, SentianceConfig sentianceConfig, NotificationRecords records,
                      ObjectMapper mapper, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                      RecordPublisher publisher) {
        this.kafkaConfig = kafkaConfig;
        this.publisher = publisher;
        // A notification is sent again as the receiver sent it first: no headers at all.
        this.move = new DlqSource("MOVE", moveConfig.topics().dlq(), moveConfig.topics().notifications(),
                MOVE_CURSOR_GROUP, Tenancy.PROJECT, letter -> notification(letter, mapper, records));
        String messages = sentianceConfig.topics().messages();
        this.sentiance = new DlqSource("Sentiance", sentianceConfig.topics().dlq(), messages, SENTIANCE_CURSOR_GROUP,
                Tenancy.APP, letter -> message(letter, messages));
        this.sentianceConfigured = configured(sentianceConfig.webhook().credentials())
                || configured(sentianceConfig.api().keys());
    }

    /** The receiver's signed garbage is no notification: nothing to replay. */
    private static Optional<ProducerRecord<String, byte[]>> notification(DeadLetter letter, ObjectMapper mapper,
                                                                         NotificationRecords records) {
        try {
            return Optional.of(records.notification(TimelineNotification.from(mapper.readTree(letter.value()), letter.value())));
        } catch (IOException | RuntimeException notANotification) {
            return Optional.empty();
        }
    }

    /**
     * A message is sent again as the Sentiance receiver sent it first: its key and the app header. A dead letter
     * without a key (or an app) is a whole delivery body, or an element without a user, that the receiver could not
     * read: nothing to replay.
     */
    private static Optional<ProducerRecord<String, byte[]>> message(DeadLetter letter, String topic) {
        if (letter.key() == null || letter.tenant() == null) {
            return Optional.empty();
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.key(), letter.value());
        RecordHeaders.put(record.headers(), SentianceRecords.APP_ID, letter.tenant());
        return Optional.of(record);
    }

    private static boolean configured(Optional<List<String>> setting) {
        return setting.map(values -> values.stream().anyMatch(v -> !v.isBlank())).orElse(false);
    }

    /** sentiance.webhook.credentials or sentiance.api.keys is set: the Sentiance pipeline, and so its DLQ, exists. */
    boolean sentianceConfigured() {
        return sentianceConfigured;
    }

    @Produces
    @Singleton
    DlqInspector moveInspector() {
        return new DlqInspector(move, kafkaConfig);
    }

    @Produces
    @Singleton
    DlqReplayer moveReplayer() {
        return new DlqReplayer(move, kafkaConfig, publisher);
    }

    @Produces
    @Singleton
    @Identifier(SENTIANCE)
    DlqInspector sentianceInspector() {
        return new DlqInspector(sentiance, kafkaConfig);
    }

    @Produces
    @Singleton
    @Identifier(SENTIANCE)
    DlqReplayer sentianceReplayer() {
        return new DlqReplayer(sentiance, kafkaConfig, publisher);
    }
}
