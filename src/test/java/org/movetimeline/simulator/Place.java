package org.movetimeline.simulator;

/** A spot a user stays at (home, work, a shop...), with the address and time zone items report. */
record Place(double latitude, double longitude, String address, String timeZone) {
}
