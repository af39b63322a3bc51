/**
 * The per-tenant call machinery every upstream API shares (MOVE per project, Sentiance per app): each tenant's
 * guard ({@link TenantGuard}: concurrency limit, in-call retries, circuit breaker) and the meaning of an HTTP
 * answer ({@link HttpAnswers}). Reads the API's raw answers; writes {@link Answer}s stamped with their request
 * time. Failures: a call without an answer throws {@link UpstreamException} with the reason a retry or DLQ record
 * carries; metrics under the prefix each API names ({@code move.api.*}, {@code sentiance.api.*}).
 */
package org.movetimeline.upstream;
