package org.movetimeline.sentiance.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.receiver.JsonArrayBody;
import org.movetimeline.receiver.JsonArrayBody.Parsed;
import org.movetimeline.sentiance.FirehoseMessage;

/**
 * Splits an (inflated) Firehose body {@code {"data":[...]}} into usable messages and unusable parts
 * ({@link JsonArrayBody}, as MOVE's bodies): an authenticated delivery is never refused for its content.
 */
@ApplicationScoped
public class FirehoseBatchParser {

    private final JsonArrayBody body;

    @Inject
    public FirehoseBatchParser(ObjectMapper mapper) {
        this.body = new JsonArrayBody(mapper, "data", "messages");
    }

    public Parsed<FirehoseMessage> parse(String appId, byte[] bytes) {
        return body.parse(bytes, (message, raw) -> FirehoseMessage.from(appId, message, raw));
    }
}
