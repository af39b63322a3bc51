package org.movetimeline.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One GPS fix of a trip as {@code /points} returns it: speed in m/s (what a phone's GPS reports,
 * unlike gpsStats which is in km/h), accuracy in metres.
 */
@JsonPropertyOrder({"ts", "lat", "lon", "speed", "accuracy"})
public record GpsPoint(String ts, double lat, double lon, double speed, double accuracy) {
}
