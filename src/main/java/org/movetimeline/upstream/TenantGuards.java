package org.movetimeline.upstream;

import io.micrometer.core.instrument.MeterRegistry;
import org.movetimeline.config.UpstreamCalls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TenantGuard} of each tenant of one API, made on its first call: tenants share no limit and no breaker.
 * Each API keeps one instance (a bean of its own package holds it).
 */
public final class TenantGuards {

    private final String api;
    private final String metricPrefix;
    private final String tagName;
    private final UpstreamCalls settings;
    private final MeterRegistry registry;
    private final Map<String, TenantGuard> byTenant = new ConcurrentHashMap<>();

    /** Arguments as {@link TenantGuard#TenantGuard}'s, less the tenant. */
    public TenantGuards(String api, String metricPrefix, String tagName, UpstreamCalls settings, MeterRegistry registry) {
        this.api = api;
        this.metricPrefix = metricPrefix;
        this.tagName = tagName;
        this.settings = settings;
        this.registry = registry;
    }

    public TenantGuard of(String tenant) {
        return byTenant.computeIfAbsent(tenant, id -> new TenantGuard(api, metricPrefix, tagName, id, settings, registry));
    }
}
