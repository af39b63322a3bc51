package org.movetimeline.ingest.ingest;

import org.movetimeline.ingest.moveapi.TimelineKey;
import org.movetimeline.ingest.notify.TimelineNotification;

/** A notification to fetch, and how many fetch attempts it already had. */
record Pending(TimelineNotification notification, int attempts) {

    TimelineKey key() {
        return new TimelineKey(notification.projectId(), notification.userId(), notification.startTime());
    }
}
