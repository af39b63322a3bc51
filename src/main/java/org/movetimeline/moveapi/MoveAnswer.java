package org.movetimeline.moveapi;

import java.time.Instant;

/**
 * What MOVE answered and when the request that got this answer was sent: of two answers about one item,
 * the one to a later request is the newer truth, whichever arrived first.
 */
public record MoveAnswer<T>(Instant requestedAt, T value) {
}
