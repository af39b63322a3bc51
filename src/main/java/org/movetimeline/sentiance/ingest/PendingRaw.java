package org.movetimeline.sentiance.ingest;

import org.movetimeline.ingest.Failure;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.RawMessage;

/** A message of another type than transport, to keep raw, and how many attempts it already had. */
record PendingRaw(RawMessage message, int attempts) {

    /** Its row's key, the order rows are written in. */
    String rowKey() {
        return message.appId() + '\u0000' + message.userId() + '\u0000' + message.digest();
    }

    Failure deadLetter(String reason) {
        return new Failure(FirehoseMessage.recordKey(message.appId(), message.userId()), message.bytes(), attempts, reason,
                false);
    }
}
