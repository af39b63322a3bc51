/**
 * The operator endpoints under {@code /admin}, on the management port only, behind MOVE_ADMIN_TOKEN.
 * Reads a source's DLQ from its replay cursor; writes replayed records back to the topic its consumer reads
 * ({@code move.timeline.notifications}, {@code sentiance.firehose.messages}) with a fresh attempt budget and moves
 * the cursor. Failures: 401 without the token (404 when none is set, and on Sentiance's routes while Sentiance is
 * not configured), 400 for a misspelt filter; each call is logged with its outcome, never the token.
 */
package org.movetimeline.admin;
