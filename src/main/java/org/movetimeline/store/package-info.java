/**
 * The PostgreSQL side: tables {@code timeline_item} and {@code timeline_point}, and Sentiance's
 * {@code sentiance_transport}, {@code sentiance_transport_point} and {@code sentiance_message} (schema by Flyway,
 * {@code db/migration}). Reads fetched items and points; writes idempotent upserts, a row replaced only by the
 * answer to a later request, and reports which rows changed. Failures: a refused write throws to
 * {@code ingest.BatchWriter}, which splits the batch to find the item and dead-letters it.
 */
package org.movetimeline.store;
