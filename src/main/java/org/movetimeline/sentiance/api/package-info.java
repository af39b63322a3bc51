/**
 * Sentiance's REST API v3: the client of the four event endpoints, the Bearer key of each app
 * ({@link org.movetimeline.sentiance.api.SentianceApiKeys}) and the one adapter holding every wire guess
 * ({@link org.movetimeline.sentiance.api.SentianceApiAdapter}), each app's calls through its own
 * {@code upstream.TenantGuard}. Reads Sentiance's answers; writes {@code upstream.Answer}s (request time, exact bytes)
 * for the Sentiance consumer. Failures: {@code upstream.UpstreamException} with the reason a retry or DLQ record
 * carries (404: transient, outcome NOT_FOUND; 401/403 and a missing key: permanent); metrics {@code sentiance.api.*}.
 */
package org.movetimeline.sentiance.api;
