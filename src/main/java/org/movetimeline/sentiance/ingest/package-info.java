/**
 * The Sentiance consumer (group {@code sentiance-ingest}) and its stages, called in order by
 * {@link org.movetimeline.sentiance.ingest.MessageIngestor}: parse and split ({@code MessageParser}), fetch each
 * transport's event, car scores and trajectory ({@link org.movetimeline.sentiance.ingest.TransportFetcher}), write
 * ({@link org.movetimeline.sentiance.ingest.SentianceWriter}), publish and route failures. Reads
 * {@code sentiance.firehose.messages} and its retry tiers; writes {@code sentiance_transport} (+ points) and
 * {@code sentiance_message}, and the changed transports to {@code sentiance.transports}. Failures: retry tiers
 * {@code sentiance.firehose.messages.retry.<delay>}, then {@code sentiance.firehose.messages.dlq}, with the reason;
 * metrics {@code sentiance.ingest.messages{app,type,outcome}}, {@code sentiance.ingest.batch.duration}.
 */
package org.movetimeline.sentiance.ingest;
