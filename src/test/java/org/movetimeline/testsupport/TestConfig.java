package org.movetimeline.testsupport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.SentianceConfig;

import java.time.Duration;
import java.util.Map;

/** The service's settings as the application would read them, for unit tests that run without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    /** {@link MoveConfig} with its defaults, overridden by {@code properties} (names as in application.properties). */
    public static MoveConfig move(Map<String, String> properties) {
        return mapping(MoveConfig.class, properties);
    }

    /** {@link SentianceConfig} with its defaults, overridden by {@code properties}. */
    public static SentianceConfig sentiance(Map<String, String> properties) {
        return mapping(SentianceConfig.class, properties);
    }

    private static <T> T mapping(Class<T> type, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(type)
                // Quarkus's own spellings: 30s, 1h, 4M
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new MapBackedConfigSource("test", properties) {
                })
                .build();
        return config.getConfigMapping(type);
    }
}
