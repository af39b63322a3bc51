/**
 * The ingest stage: consumer loops of group {@code move-timeline-ingest} on {@code move.timeline.notifications}
 * and its retry tiers, each poll batch collapsed, fetched from MOVE, written to PostgreSQL, republished on
 * {@code move.timeline.items}, and committed in poll order ({@link InFlightBatches}). Failures: retryable ones
 * go to the retry tier of their attempt ({@link FailureRouter}), then to the DLQ; poison an item PostgreSQL
 * or Kafka refuses goes straight to the DLQ; a dead consumer thread turns liveness DOWN; metrics {@code move.ingest.*}.
 * The source-neutral parts ({@link ConsumerLoops}, {@link RowWriter}, {@link TenantPools}, {@link BatchPublication},
 * {@link FailureRouter}, {@link RetryTiers}, {@link BatchTimeBudget}) also run the Sentiance consumer
 * ({@code sentiance.ingest}), whose liveness {@link IngestLivenessCheck} covers too.
 */
package org.movetimeline.ingest;
