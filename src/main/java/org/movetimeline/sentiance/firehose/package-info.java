/**
 * The Firehose receiver: Sentiance POSTs each app's messages (gzip or plain JSON, Basic auth) to
 * {@code /webhooks/sentiance/firehose/{appId}}, and checks the URL with a GET. Writes each message, byte for byte, to
 * {@code sentiance.firehose.messages} (key {@code appId:userId}) and the unusable parts to its DLQ. Failures: wrong
 * credentials 401, a body inflating past {@code sentiance.webhook.max-inflated-size} 413, Kafka not acknowledging 503
 * with Retry-After; metrics {@code sentiance.firehose.*}. Off (404) without SENTIANCE_WEBHOOK_CREDENTIALS.
 */
package org.movetimeline.sentiance.firehose;
