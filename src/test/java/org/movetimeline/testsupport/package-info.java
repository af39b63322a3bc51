/**
 * What the service's tests run against: a real Kafka broker ({@link KafkaBroker}) and a fresh PostgreSQL
 * database ({@link TestDatabase}) per test JVM, the one fake, {@link FakeMoveApi}, and helpers that write signed
 * webhook batches ({@link Webhook}) and read topics, rows and metrics back. Failures are the tests' own:
 * infrastructure that cannot start fails the test run.
 */
package org.movetimeline.testsupport;
