package org.movetimeline.deploy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import org.movetimeline.testsupport.ConfigDefaults;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the service reads, from the code: application.properties, the defaults of its @ConfigMapping interfaces
 * (testsupport/ConfigDefaults), every @ConfigMapping under src/main/java walked like SmallRye does, and every
 * {@code @ConfigProperty(name = ...)}. Plain reflection and file reading, no Quarkus start.
 */
final class ServiceSettings {

    private static final Path ROOT = Manifests.ROOT;
    private static final Path PROPERTIES = ROOT.resolve("src/main/resources/application.properties");
    private static final Path MAIN_JAVA = ROOT.resolve("src/main/java");

    /** Quarkus runtime properties the manifests may set although application.properties does not. */
    private static final Set<String> QUARKUS_RUNTIME_ALLOWED = Set.of(
            "QUARKUS_SHUTDOWN_TIMEOUT",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD");
    /** Any QUARKUS_LOG_* (levels, categories, format) or QUARKUS_OTEL_* (trace export) is fine to tune per environment. */
    private static final List<String> QUARKUS_TUNABLE_PREFIXES = List.of("QUARKUS_LOG_", "QUARKUS_OTEL_");
    /** Read by the JVM itself (the JVM image's entry point is plain java, no launcher script), not by the service. */
    private static final Set<String> NON_APP_ALLOWED = Set.of("JAVA_TOOL_OPTIONS");

    private static ServiceSettings once;

    private final Properties properties = new Properties();
    private final Set<String> readableEnv = new TreeSet<>();
    /** Env prefixes of map- and list-valued settings, whose keys are free. */
    private final Set<String> readableEnvPrefixes = new TreeSet<>();

    private ServiceSettings() throws IOException, ClassNotFoundException {
        try (Reader r = Files.newBufferedReader(PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(r);
        }
        // The service's own defaults are in its @ConfigMapping interfaces, not in application.properties.
        ConfigDefaults.settings().forEach(s -> s.defaultValue().ifPresent(v -> properties.putIfAbsent(s.property(), v)));
        for (String key : properties.stringPropertyNames()) {
            readableEnv.add(toEnv(stripProfile(key)));
        }
        collectConfigMappings();
        collectConfigProperties();
    }

    /** Read once per test run. */
    static synchronized ServiceSettings read() {
        if (once == null) {
            try {
                once = new ServiceSettings();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("a @ConfigMapping source under src/main/java is not on the test classpath", e);
            }
        }
        return once;
    }

    /** application.properties, with the mappings' defaults for what it leaves out. */
    Optional<String> property(String key) {
        return Optional.ofNullable(properties.getProperty(key));
    }

    Set<String> propertyNames() {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    /** The value the service sees for a property: the ConfigMaps' env override, else application.properties. */
    Optional<String> setting(Manifests m, String property) {
        String env = toEnv(property);
        for (Map<String, String> cm : m.configMaps().values()) {
            if (cm.containsKey(env)) {
                return Optional.of(cm.get(env));
            }
        }
        return property(property);
    }

    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
    }

    int managementPort() {
        return Integer.parseInt(properties.getProperty("quarkus.management.port", "9000"));
    }

    /** Fails unless the service reads the environment variable {@code env}. */
    void assertReadable(String env, String where) {
        if (readableEnv.contains(env) || NON_APP_ALLOWED.contains(env)) {
            return;
        }
        if (env.startsWith("QUARKUS_")) {
            assertTrue(QUARKUS_RUNTIME_ALLOWED.contains(env) || QUARKUS_TUNABLE_PREFIXES.stream().anyMatch(env::startsWith),
                    where + " sets " + env
                    + ": a Quarkus property the application does not set in application.properties and that is not on "
                    + "the allow-list " + QUARKUS_RUNTIME_ALLOWED + " / " + QUARKUS_TUNABLE_PREFIXES + "*; add it to "
                    + "application.properties (or the allow-list in ServiceSettings) if the service really relies on it");
            return;
        }
        for (String prefix : readableEnvPrefixes) {
            if (env.startsWith(prefix + "_")) {
                return;
            }
        }
        fail(where + " sets " + env + ", which the service does not read: no such property in application.properties "
                + "or in a @ConfigMapping/@ConfigProperty (typo, or a setting that was renamed?). Known: " + readableEnv);
    }

    /** Quarkus duration syntax, as the service parses it. */
    static Duration duration(String value) {
        return new DurationConverter().convert(value.strip());
    }

    /** Quarkus MemorySize syntax ("4M", "512K"), which nginx's "4m" also is: bytes. */
    static long memorySize(String value) {
        return new MemorySizeConverter().convert(value.strip()).asLongValue();
    }

    /** MicroProfile Config's environment form: upper case, every non-alphanumeric character to '_'. */
    static String toEnv(String property) {
        return ConfigDefaults.environmentName(property);
    }

    private static String stripProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    /** Every @ConfigMapping interface under src/main/java, walked by reflection like SmallRye does. */
    private void collectConfigMappings() throws IOException, ClassNotFoundException {
        Pattern pkg = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
        for (Path src : javaSources()) {
            String text = Files.readString(src);
            if (!text.contains("@ConfigMapping")) {
                continue;
            }
            Matcher p = pkg.matcher(text);
            String simple = src.getFileName().toString().replace(".java", "");
            String fqcn = (p.find() ? p.group(1) + "." : "") + simple;
            collectMappingsIn(Class.forName(fqcn));
        }
    }

    /** The class itself and its nested classes: a mapping may be declared inside another type. */
    private void collectMappingsIn(Class<?> type) {
        if (type.isAnnotationPresent(ConfigMapping.class)) {
            ConfigDefaults.of(type).forEach(s -> (s.freeKeys() ? readableEnvPrefixes : readableEnv).add(s.variable()));
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            collectMappingsIn(nested);
        }
    }

    /** @ConfigProperty(name = "...") injections, for settings read outside a mapping. */
    private void collectConfigProperties() throws IOException {
        Pattern p = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
        for (Path src : javaSources()) {
            Matcher m = p.matcher(Files.readString(src));
            while (m.find()) {
                readableEnv.add(toEnv(m.group(1)));
            }
        }
    }

    private static List<Path> javaSources() throws IOException {
        if (!Files.isDirectory(MAIN_JAVA)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(MAIN_JAVA)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
