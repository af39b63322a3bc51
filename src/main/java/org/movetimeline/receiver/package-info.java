/**
 * The receiver stage: MOVE's Timeline Notifier POSTs signed batches to {@code /webhooks/move/timeline}.
 * Reads the raw body and its {@code X-Dolphin-Signature}; writes each announced item, byte for byte, to
 * {@code move.timeline.notifications}, and the unusable parts of a signed batch to the DLQ. Failures: a bad
 * signature is 401, a body over the limit 413, Kafka not acknowledging 503 with Retry-After (MOVE retries);
 * metrics {@code move.webhook.*}.
 */
package org.movetimeline.receiver;
