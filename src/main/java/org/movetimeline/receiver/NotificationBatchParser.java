package org.movetimeline.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.receiver.JsonArrayBody.Parsed;
import org.movetimeline.timeline.TimelineNotification;

/**
 * Splits a signed notifier body {@code {"items":[...]}} into usable notifications and unusable parts
 * ({@link JsonArrayBody}): the receiver never fails a signed body.
 */
@ApplicationScoped
public class NotificationBatchParser {

    private final JsonArrayBody body;

    @Inject
    public NotificationBatchParser(ObjectMapper mapper) {
        this.body = new JsonArrayBody(mapper, "items", "items");
    }

    public Parsed<TimelineNotification> parse(byte[] bytes) {
        return body.parse(bytes, TimelineNotification::from);
    }
}
