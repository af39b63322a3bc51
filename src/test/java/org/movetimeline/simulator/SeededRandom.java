package org.movetimeline.simulator;

import java.nio.charset.StandardCharsets;

/**
 * A small SplitMix64 generator seeded from a hash of an item's identity.
 *
 * <p>Why not {@link java.util.Random} or {@link java.util.SplittableRandom}: the notifier and the
 * API may run in different processes (even different JDK builds) and must still compute the same
 * item from (seed, projectId, userId, k). SplitMix64 is a dozen lines of fully specified arithmetic,
 * so the data set is defined by this file alone. Each aspect of an item (schedule, place, features,
 * points, ...) uses its own {@code purpose} stream, so changing how one aspect is generated does
 * not shift the numbers every other aspect draws.
 */
public final class SeededRandom {

    private long state;

    private SeededRandom(long seed) {
        this.state = seed;
    }

    /** The stream for one aspect ({@code purpose}) of item {@code k} of a user. */
    /** The same for a tenant named by a string (a Sentiance appId) instead of a MOVE projectId. */
    public static SeededRandom of(long seed, String tenant, String userId, long k, String purpose) {
        return of(seed, (int) fnv1a(tenant), userId, k, purpose);
    }

    static SeededRandom of(long seed, int projectId, String userId, long k, String purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ projectId);
        h = mix(h ^ fnv1a(userId));
        h = mix(h ^ k);
        h = mix(h ^ fnv1a(purpose));
        return new SeededRandom(h);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [from, to). */
    public double between(double from, double to) {
        return from + nextDouble() * (to - from);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [from, to] (both inclusive). */
    public int between(int from, int to) {
        return from + nextInt(to - from + 1);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Index chosen with the given relative weights. */
    public int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    public <T> T pick(T[] values) {
        return values[nextInt(values.length)];
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
