package org.movetimeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One kustomization under {@code k8s/} as {@code kubectl kustomize} renders it, so the tests check what
 * {@code kubectl apply -k} would apply; {@code "<kustomization> + <component>"} is that kustomization with the
 * component added to its {@code components:}, as an operator switches an optional part on. Without kubectl on the
 * PATH the base is read as written (its resources and its configMapGenerator's env file) and every other rendering
 * is skipped, since only kubectl renders it. ConfigMaps and Secret templates are kept by name as key/value maps.
 */
record Manifests(String kustomization, String origin, List<Doc> docs, Map<String, Map<String, String>> configMaps,
                 Map<String, Map<String, String>> secretTemplates) {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path K8S = ROOT.resolve("k8s");
    static final String BASE = "k8s/base";
    static final String PRODUCTION = "k8s/overlays/production";
    /** Sentiance, off unless an overlay lists this component. */
    static final String SENTIANCE = "k8s/components/sentiance";
    private static final String PLUS = " + ";
    static final String RECEIVER = "receiver";
    static final String INGEST = "ingest";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Optional<Path> KUBECTL = onPath("kubectl");
    private static final Map<String, Manifests> LOADED = new ConcurrentHashMap<>();
    private static List<Doc> files;

    /** One YAML document and the file it came from (a temporary file for rendered output). */
    record Doc(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String where() {
            return kind() + " " + name() + (file.startsWith(ROOT) ? " (" + ROOT.relativize(file) + ")" : "");
        }

        JsonNode podSpec() {
            return node.path("spec").path("template").path("spec");
        }

        List<JsonNode> containers() {
            List<JsonNode> list = new ArrayList<>();
            podSpec().path("containers").forEach(list::add);
            return list;
        }

        JsonNode container() {
            List<JsonNode> c = containers();
            assertEquals(1, c.size(), where() + " should have exactly one container");
            return c.get(0);
        }

        Map<String, String> podLabels() {
            return stringMap(node.path("spec").path("template").path("metadata").path("labels"));
        }

        /** The container's env entries with a literal value. */
        Map<String, String> literalEnv() {
            Map<String, String> env = new LinkedHashMap<>();
            container().path("env").forEach(e -> {
                if (e.has("value")) {
                    env.put(e.path("name").asText(), e.path("value").asText());
                }
            });
            return env;
        }
    }

    /** The kustomizations every concern is checked on: what an apply of the base or of production would create. */
    static Stream<String> baseAndProduction() {
        return Stream.of(BASE, PRODUCTION);
    }

    /** The same two with Sentiance switched on. */
    static Stream<String> withSentiance() {
        return baseAndProduction().map(k -> withComponent(k, SENTIANCE));
    }

    /** Every rendering: {@link #baseAndProduction()} and {@link #withSentiance()}. */
    static Stream<String> renderings() {
        return Stream.concat(baseAndProduction(), withSentiance());
    }

    static String withComponent(String kustomization, String component) {
        return kustomization + PLUS + component;
    }

    /** Whether this rendering includes {@code component}. */
    boolean includes(String component) {
        return List.of(kustomization.split(Pattern.quote(PLUS))).contains(component);
    }

    /** {@code kustomization} (a directory such as {@link #BASE}) rendered, loaded once per test run. */
    static Manifests of(String kustomization) {
        if (KUBECTL.isEmpty()) {
            Assumptions.assumeTrue(kustomization.equals(BASE), "kubectl not on PATH: " + kustomization + " not rendered, not checked");
        }
        return LOADED.computeIfAbsent(kustomization, k -> {
            try {
                return KUBECTL.isPresent() ? rendered(k) : baseAsWritten();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every YAML document under k8s/ as written: overlay patches and components too. */
    static synchronized List<Doc> files() {
        if (files == null) {
            assertTrue(Files.isDirectory(K8S), "no k8s/ directory under " + ROOT + " (run the test from the project root)");
            List<Doc> docs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(K8S)) {
                for (Path f : s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                    docs.addAll(readYaml(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files = List.copyOf(docs);
        }
        return files;
    }

    static List<Doc> filesOfKind(String kind) {
        return files().stream().filter(d -> d.kind().equals(kind)).toList();
    }

    List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    Doc one(String kind, String name) {
        List<Doc> found = docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).toList();
        assertEquals(1, found.size(), origin + ": expected exactly one " + kind + " named '" + name
                + "', found " + found.size());
        return found.get(0);
    }

    /**
     * The ConfigMap a manifest as written calls {@code name}: kustomize renders a generated one as
     * {@code name-<content hash>} and rewrites the references, but files read as written keep the plain name.
     */
    Map<String, String> configMap(String name) {
        return configMaps.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().matches(Pattern.quote(name) + "-[a-z0-9]{10}"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static Manifests rendered(String kustomization) throws IOException {
        String[] parts = kustomization.split(Pattern.quote(PLUS));
        Path mirror = parts.length > 1 ? mirrorWithComponents(parts) : null;
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Path dir = mirror != null ? mirror.resolve(parts[0]) : ROOT.resolve(kustomization);
            Process p = new ProcessBuilder(KUBECTL.get().toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile())
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize did not finish in 120 s");
            assertEquals(0, p.exitValue(), "kubectl kustomize " + kustomization + " failed: " + err);
            List<Doc> docs = readYaml(out);
            Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
            for (Doc d : docs) {
                if (d.kind().equals("ConfigMap")) {
                    configMaps.put(d.name(), stringMap(d.node().path("data")));
                }
            }
            return new Manifests(kustomization, kustomization + " (rendered by kubectl kustomize)", docs, configMaps,
                    secretTemplatesUnderK8s());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            if (mirror != null) {
                deleteTree(mirror);
            }
        }
    }

    /**
     * A temporary tree in which {@code parts[0]} is a copy of that kustomization whose kustomization.yaml also lists
     * the components {@code parts[1..]}; everything else links to the repository. kustomize takes neither absolute
     * paths nor files outside a kustomization's root, so the copy sits where the original does, beside links to
     * its neighbours.
     */
    private static Path mirrorWithComponents(String[] parts) throws IOException {
        Path tmp = Files.createTempDirectory("k8s-mirror");
        Path target = ROOT.resolve(parts[0]);
        Path dir = ROOT;
        for (Path step : ROOT.relativize(target)) {
            Path next = dir.resolve(step);
            Files.createDirectories(tmp.resolve(ROOT.relativize(next)));
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path e : entries.filter(e -> !e.equals(next)).toList()) {
                    Files.createSymbolicLink(tmp.resolve(ROOT.relativize(e)), e);
                }
            }
            dir = next;
        }
        try (Stream<Path> entries = Files.list(target)) {
            for (Path e : entries.toList()) {
                Path copy = tmp.resolve(ROOT.relativize(e));
                if (Files.isDirectory(e)) {
                    Files.createSymbolicLink(copy, e);
                } else {
                    Files.copy(e, copy);
                }
            }
        }
        Path file = tmp.resolve(parts[0]).resolve("kustomization.yaml");
        ObjectNode k = (ObjectNode) YAML.readTree(file.toFile());
        ArrayNode components = k.has("components") ? (ArrayNode) k.get("components") : k.putArray("components");
        for (int i = 1; i < parts.length; i++) {
            components.add(target.relativize(ROOT.resolve(parts[i])).toString());
        }
        YAML.writeValue(file.toFile(), k);
        return tmp;
    }

    /** Deletes links, not what they point to. */
    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Without kubectl: the base's listed resources and generated ConfigMaps, read as written. */
    private static Manifests baseAsWritten() throws IOException {
        Path dir = ROOT.resolve(BASE);
        Path file = dir.resolve("kustomization.yaml");
        JsonNode k = readSingle(file);
        List<Doc> docs = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            assertTrue(Files.isRegularFile(p), ROOT.relativize(file) + " lists missing resource " + r.asText());
            docs.addAll(readYaml(p));
        }
        Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        for (JsonNode gen : k.path("configMapGenerator")) {
            configMaps.computeIfAbsent(gen.path("name").asText(), n -> new LinkedHashMap<>()).putAll(generatorValues(dir, gen));
        }
        for (Doc d : docs) {
            if (d.kind().equals("ConfigMap")) {
                configMaps.put(d.name(), stringMap(d.node().path("data")));
            }
        }
        return new Manifests(BASE, BASE + " (as written: kubectl not on PATH)", docs, configMaps, secretTemplatesUnderK8s());
    }

    /**
     * The Secrets an operator creates by hand: every Secret document under k8s/ (templates, applied by no
     * kustomization) and every secretGenerator, by name; templates of one name (a component's extra keys) add up.
     */
    static Map<String, Map<String, String>> secretTemplatesUnderK8s() throws IOException {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Doc d : filesOfKind("Secret")) {
            secrets.computeIfAbsent(d.name(), n -> new LinkedHashMap<>()).putAll(secretValues(d));
        }
        for (Path k : kustomizationsUnder(K8S)) {
            for (JsonNode gen : readSingle(k).path("secretGenerator")) {
                secrets.computeIfAbsent(gen.path("name").asText(), n -> new LinkedHashMap<>())
                        .putAll(generatorValues(k.getParent(), gen));
            }
        }
        return secrets;
    }

    static List<Path> kustomizationsUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
    }

    static JsonNode readSingle(Path file) {
        List<Doc> docs = readYaml(file);
        assertEquals(1, docs.size(), ROOT.relativize(file) + " should hold one YAML document");
        return docs.get(0).node();
    }

    /** Key/values of a configMapGenerator or secretGenerator entry (literals, env files and files). */
    static Map<String, String> generatorValues(Path dir, JsonNode gen) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode lit : gen.path("literals")) {
            String s = lit.asText();
            int eq = s.indexOf('=');
            values.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        for (JsonNode env : gen.path("envs")) {
            Path f = dir.resolve(env.asText());
            assertTrue(Files.isRegularFile(f), "generator " + gen.path("name").asText() + " reads missing file " + f);
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                values.put(eq < 0 ? l : l.substring(0, eq).strip(), eq < 0 ? "" : l.substring(eq + 1));
            }
        }
        for (JsonNode fileEntry : gen.path("files")) {
            String s = fileEntry.asText();
            int eq = s.indexOf('=');
            Path f = dir.resolve(eq < 0 ? s : s.substring(eq + 1));
            String key = eq < 0 ? f.getFileName().toString() : s.substring(0, eq);
            values.put(key, Files.isRegularFile(f) ? Files.readString(f) : "");
        }
        return values;
    }

    /** A Secret's stringData and its data, base64-decoded. */
    static Map<String, String> secretValues(Doc secret) {
        Map<String, String> values = new LinkedHashMap<>(stringMap(secret.node().path("stringData")));
        secret.node().path("data").fields().forEachRemaining(e -> {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                decoded = e.getValue().asText();
            }
            values.put(e.getKey(), decoded);
        });
        return values;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** A probe/Service port (number or name) resolved against the container's declared ports; -1 if none. */
    static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            int n = port.asInt();
            return declaresPort(container, n) ? n : -1;
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        return -1;
    }

    static boolean declaresPort(JsonNode container, int port) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("containerPort").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    private static List<Doc> readYaml(Path file) {
        List<Doc> docs = new ArrayList<>();
        try {
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile());
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    docs.add(new Doc(file, n));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError((file.startsWith(ROOT) ? ROOT.relativize(file) : "kubectl kustomize output")
                    + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
