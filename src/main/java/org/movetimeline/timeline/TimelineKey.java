package org.movetimeline.timeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What identifies a timeline item at MOVE: (projectId, userId, startTs). {@code startTs} is cut to the
 * microsecond, PostgreSQL's precision, so two spellings that the table would store as one key are one key here.
 */
public record TimelineKey(int projectId, String userId, Instant startTs) implements Comparable<TimelineKey> {

    public TimelineKey {
        startTs = startTs.truncatedTo(ChronoUnit.MICROS);
    }

    /** The order rows are written in, so that two consumers writing overlapping keys lock them in the same order. */
    @Override
    public int compareTo(TimelineKey other) {
        int byProject = Integer.compare(projectId, other.projectId);
        if (byProject != 0) {
            return byProject;
        }
        int byUser = userId.compareTo(other.userId);
        return byUser != 0 ? byUser : startTs.compareTo(other.startTs);
    }
}
