/**
 * The shared domain, used by every stage, the simulator and the tests: the item key ({@link TimelineKey}),
 * RFC 3339 timestamps ({@link Rfc3339}), the announced item ({@link TimelineNotification}) and MOVE's webhook
 * signature ({@link WebhookSignature}). Reads and writes nothing itself; what cannot be parsed throws to
 * the caller, whose stage decides where it goes (the receiver and ingest: the DLQ).
 */
package org.movetimeline.timeline;
