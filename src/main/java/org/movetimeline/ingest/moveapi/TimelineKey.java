package org.movetimeline.ingest.moveapi;

import java.time.Instant;

/** What identifies a timeline item at MOVE: (projectId, userId, startTs). */
public record TimelineKey(int projectId, String userId, Instant startTs) {
}
