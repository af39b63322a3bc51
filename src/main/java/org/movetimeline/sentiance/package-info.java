/**
 * Sentiance's shared domain: a Firehose message as received ({@link FirehoseMessage}), the transport key
 * ({@link SentianceKey}), the transport as fetched
 * ({@link FetchedTransport}, its {@link DrivingScores} and {@link TrajectoryPoint}s), the raw message of the other
 * types ({@link RawMessage}) and the document published for a stored transport ({@link TransportDocument}).
 * Reads and writes nothing itself; input that cannot make a row throws IllegalArgumentException with a reason
 * naming the field, which the consumer dead-letters with.
 */
package org.movetimeline.sentiance;
