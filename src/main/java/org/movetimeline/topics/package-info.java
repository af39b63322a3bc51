/**
 * The four Kafka topics as records: {@code move.timeline.notifications}, its retry tiers
 * {@code .retry.<delay>}, its DLQ {@code .dlq}, and {@code move.timeline.items}; their headers, the one
 * producer, the consumer and admin-client settings, and trace context in headers ({@link Tracing}). Reads
 * the Kafka settings; writes whatever the stages hand it. Failures: a publish Kafka does not acknowledge
 * throws {@link RecordPublisher.PublishException} to the caller; readiness is DOWN while no broker answers.
 */
package org.movetimeline.topics;
