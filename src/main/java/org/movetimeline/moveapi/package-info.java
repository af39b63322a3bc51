/**
 * The MOVE REST API client: batch item calls and GPS points, Basic auth per project, and each project's guard
 * (an {@code upstream.TenantGuard}: concurrency limit, in-call retries, circuit breaker). Reads MOVE's answers;
 * writes {@code upstream.Answer}s for the ingest stage. Failures: a call without an answer throws
 * {@code upstream.UpstreamException} with the reason a retry or DLQ record carries; metrics {@code move.api.*}.
 */
package org.movetimeline.moveapi;
