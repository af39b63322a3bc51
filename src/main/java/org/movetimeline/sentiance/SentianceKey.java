package org.movetimeline.sentiance;

import java.util.Comparator;

/** What identifies a transport at Sentiance: the app it was recorded for, the user and the event. */
public record SentianceKey(String appId, String userId, String eventId) implements Comparable<SentianceKey> {

    private static final Comparator<SentianceKey> ORDER = Comparator.comparing(SentianceKey::appId)
            .thenComparing(SentianceKey::userId).thenComparing(SentianceKey::eventId);

    /** The order rows are written in, so that two consumers writing overlapping keys lock them in the same order. */
    @Override
    public int compareTo(SentianceKey other) {
        return ORDER.compare(this, other);
    }
}
