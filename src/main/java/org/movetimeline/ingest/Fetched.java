package org.movetimeline.ingest;

import org.movetimeline.store.FetchedItem;
import org.movetimeline.store.GpsPoint;

import java.util.List;

/** An item MOVE returned for a pending notification, with its GPS points when those are stored (else null). */
record Fetched(Pending pending, FetchedItem item, List<GpsPoint> points) {
}
