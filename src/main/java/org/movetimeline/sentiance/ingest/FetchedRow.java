package org.movetimeline.sentiance.ingest;

import org.movetimeline.sentiance.FetchedTransport;
import org.movetimeline.sentiance.TrajectoryPoint;

import java.util.List;

/** A transport Sentiance described for a pending message, with its waypoints when those are stored (else null). */
record FetchedRow(PendingTransport pending, FetchedTransport transport, List<TrajectoryPoint> points) {
}
