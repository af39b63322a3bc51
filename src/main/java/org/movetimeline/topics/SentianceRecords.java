package org.movetimeline.topics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.SentianceKey;

/** Builds the records of the Sentiance topics, so their names and headers are decided in one place. */
@ApplicationScoped
public class SentianceRecords {

    /** The app a Sentiance record belongs to, also on dead letters whose key is unknown. */
    public static final String APP_ID = "sentiance-app-id";

    private final SentianceConfig config;

    @Inject
    public SentianceRecords(SentianceConfig config) {
        this.config = config;
    }

    public ProducerRecord<String, byte[]> message(FirehoseMessage message) {
        var record = new ProducerRecord<>(config.topics().messages(), message.recordKey(), message.raw());
        RecordHeaders.put(record.headers(), APP_ID, message.appId());
        return record;
    }

    /** A stored transport for downstream consumers, keyed like the user's Firehose messages. */
    public ProducerRecord<String, byte[]> transport(SentianceKey key, byte[] document) {
        return new ProducerRecord<>(config.topics().transports(), FirehoseMessage.recordKey(key.appId(), key.userId()),
                document);
    }

    /** Kept raw on the Sentiance DLQ, with {@link FailureRecords}' headers and the app. {@code key} may be null. */
    public ProducerRecord<String, byte[]> deadLetter(String appId, String key, byte[] raw, String reason, String source,
                                                     int attempt) {
        var record = FailureRecords.deadLetter(config.topics().dlq(), key, raw, reason, source, attempt);
        RecordHeaders.put(record.headers(), APP_ID, appId);
        return record;
    }
}
