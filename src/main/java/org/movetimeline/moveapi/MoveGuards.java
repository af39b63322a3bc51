package org.movetimeline.moveapi;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.upstream.TenantGuard;
import org.movetimeline.upstream.TenantGuards;

/** MOVE's guards, one per project, with the metric names ({@code move.api.*}, tag {@code project}) dashboards use. */
@ApplicationScoped
class MoveGuards {

    private final TenantGuards guards;

    @Inject
    MoveGuards(MoveConfig config, MeterRegistry registry) {
        this.guards = new TenantGuards("MOVE", "move.api", "project", config.api(), registry);
    }

    TenantGuard of(int projectId) {
        return guards.of(Integer.toString(projectId));
    }
}
