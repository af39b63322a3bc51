package org.movetimeline.moveapi;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ProjectGuard} of each project, made on its first call: projects share no limit and no breaker. */
@ApplicationScoped
class ProjectGuards {

    private final MoveConfig.Api settings;
    private final MeterRegistry registry;
    private final Map<Integer, ProjectGuard> byProject = new ConcurrentHashMap<>();

    @Inject
    ProjectGuards(MoveConfig config, MeterRegistry registry) {
        this(config.api(), registry);
    }

    ProjectGuards(MoveConfig.Api settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    ProjectGuard of(int projectId) {
        return byProject.computeIfAbsent(projectId, id -> new ProjectGuard(id, settings, registry));
    }
}
