package org.movetimeline.simulator;

import java.time.Instant;

/** Identity of a timeline item: one element of the batch request body. */
public record TimelineKey(int projectId, String userId, Instant startTs) {
}
