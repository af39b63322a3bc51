package org.movetimeline.testsupport;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.SentianceConfig;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The settings a @ConfigMapping declares, walked by reflection as SmallRye does, each with its default. */
public final class ConfigDefaults {

    private ConfigDefaults() {
    }

    /**
     * A setting and its @WithDefault, empty when it has none. {@code freeKeys}: a map, or a list of groups, whose
     * keys below {@code property} are the user's (any variable under its prefix is read).
     */
    public record Setting(String property, Optional<String> defaultValue, boolean freeKeys) {
        public String variable() {
            return environmentName(property);
        }
    }

    /** The service's own settings: MoveConfig, SentianceConfig and AppConfig. */
    public static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>(of(MoveConfig.class));
        settings.addAll(of(SentianceConfig.class));
        settings.addAll(of(AppConfig.class));
        return settings;
    }

    /** The settings of one @ConfigMapping interface. */
    public static List<Setting> of(Class<?> mapping) {
        List<Setting> settings = new ArrayList<>();
        walk(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), new LinkedHashSet<>(), settings);
        return settings;
    }

    /** The environment variable SmallRye Config maps to {@code property}. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** {@code enclosing}: the groups this one is nested in, so that a group containing itself ends the walk. */
    private static void walk(Class<?> group, String prefix, Set<Class<?>> enclosing, List<Setting> into) {
        if (!enclosing.add(group)) {
            return;
        }
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String property;
            if (method.isAnnotationPresent(WithParentName.class)) {
                property = prefix;
            } else {
                WithName named = method.getAnnotation(WithName.class);
                String name = named != null ? named.value() : kebab(method.getName());
                property = prefix.isEmpty() ? name : prefix + "." + name;
            }
            Type type = method.getGenericReturnType();
            Class<?> raw = rawType(type);
            if (raw == Optional.class) {
                type = typeArgument(type, 0);
                raw = rawType(type);
            }
            Optional<String> defaultValue = Optional.ofNullable(method.getAnnotation(WithDefault.class)).map(WithDefault::value);
            if (Map.class.isAssignableFrom(raw)
                    || Collection.class.isAssignableFrom(raw) && isGroup(rawType(typeArgument(type, 0)))) {
                into.add(new Setting(property, defaultValue, true));
            } else if (isGroup(raw)) {
                walk(raw, property, enclosing, into);
            } else {
                into.add(new Setting(property, defaultValue, false));
            }
        }
        // The same group type may serve several properties (AppConfig's receiver and ingest roles).
        enclosing.remove(group);
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
