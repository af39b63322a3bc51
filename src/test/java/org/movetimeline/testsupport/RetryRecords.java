package org.movetimeline.testsupport;

import io.quarkus.arc.Arc;
import org.movetimeline.ingest.FailureRouter;

/** Where the ingest side's retry records are read from: every retry tier of the running test profile. */
public final class RetryRecords {

    private RetryRecords() {
    }

    /** A reader of the retry records written from now on. */
    public static TopicReader reader() {
        return TopicReader.from(Arc.container().instance(FailureRouter.class).get().tiers().topics());
    }
}
