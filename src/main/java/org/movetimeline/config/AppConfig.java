package org.movetimeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Role switches: one image runs the receiver, the ingest consumer, or both. */
@ConfigMapping(prefix = "app")
public interface AppConfig {

    Role receiver();

    Role ingest();

    interface Role {
        @WithDefault("true")
        boolean enabled();
    }
}
