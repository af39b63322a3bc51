package org.movetimeline.upstream;

import java.time.Instant;

/**
 * What an upstream API answered and when the request that got this answer was sent: of two answers about one
 * item, the one to a later request is the newer truth, whichever arrived first.
 */
public record Answer<T>(Instant requestedAt, T value) {
}
