package org.movetimeline.config;

import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.ConfigDefaults;
import org.movetimeline.testsupport.ConfigDefaults.Setting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's settings table against the code: every setting of the @ConfigMapping interfaces has a row with the
 * default of its @WithDefault, no row names a setting that does not exist, Quarkus's and Kafka's rows show what
 * application.properties sets, and application.properties repeats none of the service's own defaults.
 */
class SettingsTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| .* \\| (.+?) \\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    @Test
    void everySettingOfTheCodeHasARowWithItsDefaultAndEveryRowASetting() throws IOException {
        Map<String, Optional<String>> table = readmeTable();
        List<String> quarkusDefaults = quarkusDefaults();
        List<Setting> settings = ConfigDefaults.settings();
        List<String> problems = new ArrayList<>();
        for (Setting setting : settings) {
            if (!table.containsKey(setting.variable())) {
                problems.add(setting.variable() + " (" + setting.property() + ") has no row in the README's settings table");
            } else if (!table.get(setting.variable()).equals(setting.defaultValue())) {
                problems.add(setting.variable() + ": README says " + table.get(setting.variable()).orElse("no default")
                        + ", the code " + setting.defaultValue().orElse("no default"));
            }
        }
        Properties properties = applicationProperties();
        Map<String, String> byVariable = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> byVariable.put(ConfigDefaults.environmentName(key), properties.getProperty(key)));
        for (var row : table.entrySet()) {
            String variable = row.getKey();
            if (variable.startsWith("MOVE_") || variable.startsWith("SENTIANCE_") || variable.startsWith("APP_")) {
                if (settings.stream().noneMatch(s -> s.variable().equals(variable))) {
                    problems.add(variable + " is in the README's table but is no setting of MoveConfig, SentianceConfig or AppConfig");
                }
            } else if (!byVariable.containsKey(variable)) {
                if (!quarkusDefaults.contains(variable)) {
                    problems.add(variable + " is in the README's table but neither in application.properties nor marked"
                            + " (Quarkus's default)");
                }
            } else if (!row.getValue().orElse("").equals(byVariable.get(variable))) {
                problems.add(variable + ": README says " + row.getValue().orElse("empty") + ", application.properties "
                        + byVariable.get(variable));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void applicationPropertiesRepeatsNoDefaultOfTheCode() throws IOException {
        Properties properties = applicationProperties();
        List<String> repeated = ConfigDefaults.settings().stream()
                .filter(s -> s.defaultValue().isPresent() && properties.containsKey(s.property()))
                .map(Setting::property).toList();
        assertEquals(List.of(), repeated, "defaults belong in @WithDefault alone");
    }

    @Test
    void theWalkFindsNestedSettings() {
        List<String> properties = ConfigDefaults.settings().stream().map(Setting::property).toList();
        assertTrue(properties.contains("move.api.limit.max-wait"), properties.toString());
        assertTrue(properties.contains("app.ingest.enabled"), properties.toString());
        assertTrue(properties.contains("move.webhook.secrets"), properties.toString());
    }

    /** Variable to default, empty when the README names none. */
    private static Map<String, Optional<String>> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| variable | meaning | default |");
        assertTrue(header >= 0, "the README's settings table");
        Map<String, Optional<String>> table = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            assertTrue(row.matches(), "a table row: " + lines.get(i));
            List<String> names = codes(row.group(1));
            List<Optional<String>> defaults = row.group(2).contains("`")
                    ? List.of(row.group(2).split(", ")).stream().map(SettingsTableTest::defaultOf).toList()
                    : names.stream().map(n -> Optional.<String>empty()).toList();
            assertEquals(names.size(), defaults.size(), "one default per name: " + lines.get(i));
            for (int n = 0; n < names.size(); n++) {
                table.put(names.get(n), defaults.get(n));
            }
        }
        return table;
    }

    /** Rows whose default the README marks as Quarkus's own: application.properties need not set them. */
    private static List<String> quarkusDefaults() throws IOException {
        return Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| `QUARKUS_") && line.endsWith("(Quarkus's default) |"))
                .flatMap(line -> codes(line.substring(0, line.indexOf(" | ", 2))).stream()).toList();
    }

    /** {@code `4s`} is 4s, "empty" the empty string, anything else ("none") no default. */
    private static Optional<String> defaultOf(String part) {
        List<String> code = codes(part.replace("(Quarkus's default)", ""));
        return !code.isEmpty() ? Optional.of(code.get(0)) : part.strip().equals("empty") ? Optional.of("") : Optional.empty();
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    /** The lines that apply in production: profiled ones (%test., %prod.) are left out. */
    private static Properties applicationProperties() throws IOException {
        Properties all = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            all.load(in);
        }
        Properties plain = new Properties();
        all.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> plain.setProperty(k, all.getProperty(k)));
        return plain;
    }
}
