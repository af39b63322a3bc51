package org.movetimeline.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings of the bench commands read from environment variables: absent or blank means the default, and
 * every error names the variable so a typo is found at once. Shared by {@link BenchSettings} and
 * {@link ChaosSettings}.
 */
record EnvSource(Map<String, String> env, String setBy) {

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    String required(String name) {
        String value = text(name, null);
        if (value == null) {
            throw new IllegalArgumentException(name + " is not set (" + setBy + " sets it)");
        }
        return value;
    }

    /** A positive whole number. */
    int number(String name, int fallback) {
        return (int) whole(name, fallback, 1, Integer.MAX_VALUE);
    }

    /** A whole number in {@code min..max}. */
    long whole(String name, long fallback, long min, long max) {
        String value = text(name, null);
        long number;
        try {
            number = value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value);
        }
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + " must be "
                    + (min == 1 && max >= Integer.MAX_VALUE ? "a positive whole number" : "between " + min + " and " + max)
                    + ", not " + number);
        }
        return number;
    }

    /** A number in {@code min..max}. */
    double decimal(String name, double fallback, double min, double max) {
        String value = text(name, null);
        double number;
        try {
            number = value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not " + value);
        }
        if (!(number >= min && number <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
        return number;
    }

    /** Words separated by blanks or commas. */
    List<String> words(String name, String fallback) {
        String value = text(name, fallback);
        return value == null ? List.of() : Arrays.stream(value.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Whether the variable is set to something. */
    boolean isSet(String name) {
        return text(name, null) != null;
    }
}
