/**
 * The operator endpoints under {@code /admin}, on the management port only, behind MOVE_ADMIN_TOKEN.
 * Reads the DLQ from the replay cursor; writes replayed notifications back to {@code move.timeline.notifications}
 * with a fresh attempt budget and moves the cursor. Failures: 401 without the token (404 when none is set),
 * 400 for a misspelt filter; each call is logged with its outcome, never the token.
 */
package org.movetimeline.admin;
