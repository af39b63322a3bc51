package org.movetimeline.ingest;

import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.timeline.TimelineNotification;

/** A notification to fetch, and how many fetch attempts it already had. */
record Pending(TimelineNotification notification, int attempts) {

    TimelineKey key() {
        return new TimelineKey(notification.projectId(), notification.userId(), notification.startTime());
    }
}
