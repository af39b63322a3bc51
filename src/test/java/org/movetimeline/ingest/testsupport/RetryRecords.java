package org.movetimeline.ingest.testsupport;

/** Where the ingest side's retry records are read from: the one place to change if retries move to other topics. */
public final class RetryRecords {

    private RetryRecords() {
    }

    /** A reader of the retry records written from now on. */
    public static TopicReader reader() {
        return TopicReader.from("move.timeline.notifications.retry");
    }
}
