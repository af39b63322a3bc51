package org.movetimeline.sentiance.ingest;

import org.movetimeline.ingest.Failure;
import org.movetimeline.sentiance.FirehoseMessage;
import org.movetimeline.sentiance.SentianceKey;

/**
 * A transport message to fetch: whose event it names, the mode the message gave (used until the event answer says
 * otherwise), its exact bytes, and how many fetch attempts it already had.
 */
record PendingTransport(SentianceKey key, String messageMode, byte[] raw, int attempts) {

    Failure retry(String reason) {
        return new Failure(recordKey(), raw, attempts, reason, true);
    }

    Failure deadLetter(String reason) {
        return new Failure(recordKey(), raw, attempts, reason, false);
    }

    /** The Firehose record's key, {@code appId:userId}, which its retry and DLQ records keep. */
    private String recordKey() {
        return FirehoseMessage.recordKey(key.appId(), key.userId());
    }
}
