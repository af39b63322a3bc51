package org.movetimeline.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parsing of single environment variables for the simulator's settings (MOVE's and Sentiance's); absent or blank
 * means the fallback, and every error names the variable so a typo is found at once.
 */
public record EnvSource(Map<String, String> env) {

    public String string(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public long number(String name, long fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(name, v, "a whole number");
        }
    }

    public double decimal(String name, double fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(name, v, "a number");
        }
    }

    public Instant instant(String name, String fallback) {
        String v = string(name, fallback);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw bad(name, v, "an RFC 3339 instant such as 2026-01-01T00:00:00Z");
        }
    }

    public Optional<URI> uri(String name) {
        String v = string(name, null);
        if (v == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(v);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw bad(name, v, "an http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw bad(name, v, "an http(s) URL");
        }
    }

    public Duration duration(String name, String fallback) {
        String v = string(name, fallback).toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            long amount = Long.parseLong(v.replaceAll("[smh]$", "").trim());
            return switch (v.charAt(v.length() - 1)) {
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (RuntimeException e) {
            throw bad(name, v, "a duration such as 500ms, 5s, 2m or PT5S");
        }
    }

    public Set<Integer> projectIds(String name) {
        String v = string(name, "");
        Set<Integer> result = new TreeSet<>();
        for (String id : v.split(",")) {
            if (!id.isBlank()) {
                try {
                    result.add(Integer.parseInt(id.trim()));
                } catch (NumberFormatException e) {
                    throw bad(name, v, "comma-separated projectIds such as 1001,1002");
                }
            }
        }
        return result;
    }

    public Map<Integer, String> credentials(String name, String fallback) {
        String v = string(name, fallback);
        Map<Integer, String> result = new TreeMap<>();
        for (String pair : v.split(",")) {
            String p = pair.trim();
            int colon = p.indexOf(':');
            if (p.isEmpty()) {
                continue;
            }
            try {
                if (colon <= 0 || colon == p.length() - 1) {
                    throw new IllegalArgumentException();
                }
                result.put(Integer.parseInt(p.substring(0, colon).trim()), p.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                // The value holds API keys: name the variable, never echo it.
                throw new IllegalArgumentException(name + " must be comma-separated projectId:apiKey pairs");
            }
        }
        return result;
    }

    static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException(name + "='" + value + "' is not " + expected);
    }

    /** Comma-separated names, lower-cased. */
    public Set<String> names(String name, String fallback) {
        Set<String> result = new TreeSet<>();
        for (String n : string(name, fallback).split(",")) {
            if (!n.isBlank()) {
                result.add(n.trim().toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    public static boolean isRatio(double r) {
        return r >= 0 && r <= 1;
    }

    public static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Settings records check themselves in their constructors with this. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
