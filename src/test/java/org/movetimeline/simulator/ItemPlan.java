package org.movetimeline.simulator;

import java.time.Instant;

/**
 * What the planner decided about item {@code k} of a user, before it is dressed up as JSON:
 * when, what type, from where to where, and how far and fast. Both the item features and the
 * GPS track are derived from this, so they cannot disagree.
 *
 * @param from           start location, already GPS-jittered (latitude/longitude as reported)
 * @param to             end location, equal to the next item's start location
 * @param pathMetres     length of the travelled path (0 for IDLE)
 * @param averageKmh     pathMetres / duration
 * @param maxKmh         peak speed of the track
 * @param detourSide     +1/-1: on which side of the straight line the route bends
 */
record ItemPlan(int projectId, String userId, long k, Instant start, Instant end, String type, boolean hasGps,
                Place from, Place to, double pathMetres, double averageKmh, double maxKmh, int detourSide,
                UserProfile profile) {

    long durationSeconds() {
        return end.getEpochSecond() - start.getEpochSecond();
    }
}
