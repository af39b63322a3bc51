package org.movetimeline.testsupport;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The service's own settings as the code declares them: each property of MoveConfig and AppConfig, with its default. */
public final class ConfigDefaults {

    private ConfigDefaults() {
    }

    /** A setting and its @WithDefault, empty when it has none. */
    public record Setting(String property, Optional<String> defaultValue) {
        public String variable() {
            return environmentName(property);
        }
    }

    public static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (Class<?> mapping : List.of(MoveConfig.class, AppConfig.class)) {
            walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, settings);
        }
        return settings;
    }

    /** The environment variable SmallRye Config maps to {@code property}. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void walk(String prefix, Class<?> group, List<Setting> into) {
        for (Method method : group.getMethods()) {
            String property = prefix + "." + kebab(method.getName());
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackageName().equals(MoveConfig.class.getPackageName())) {
                walk(property, type, into);
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                into.add(new Setting(property, Optional.ofNullable(withDefault).map(WithDefault::value)));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
