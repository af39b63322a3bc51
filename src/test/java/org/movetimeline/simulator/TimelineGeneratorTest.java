package org.movetimeline.simulator;

import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.TimelineKey;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineGeneratorTest {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> NO_GPS = Set.of("IDLE", "WALKING");

    private final TimelineGenerator generator = new TimelineGenerator(0, EPOCH, 20);

    @Test
    void sameKeyGivesByteIdenticalItemInAnotherInstance() {
        TimelineGenerator other = new TimelineGenerator(0, EPOCH, 20);
        for (int user = 1; user <= 20; user += 3) {
            for (long k = 0; k < 30; k++) {
                TimelineItem item = generator.item(1000, TimelineGenerator.userId(user), k);
                TimelineKey key = key(item);
                assertArrayEquals(Json.write(item), Json.write(other.find(key).orElseThrow()));
                if (k % 5 == 0) {
                    assertArrayEquals(Json.write(generator.points(key).orElseThrow()),
                            Json.write(other.points(key).orElseThrow()));
                }
            }
        }
    }

    @Test
    void notificationDescribesTheSameItem() {
        for (long k = 0; k < 100; k++) {
            TimelineItem item = generator.item(1000, "u0003", k);
            Notification.Item n = generator.notification(1000, "u0003", k);
            assertEquals(List.of(item.projectId(), item.userId(), item.startTs(), item.endTs(), item.type()),
                    List.of(n.projectId(), n.userId(), n.startTime(), n.endTime(), n.type()));
        }
    }

    @Test
    void seedAndProjectChangeTheData() {
        TimelineGenerator otherSeed = new TimelineGenerator(1, EPOCH, 20);
        assertNotEquals(Arrays.toString(Json.write(generator.item(1000, "u0001", 5))),
                Arrays.toString(Json.write(otherSeed.item(1000, "u0001", 5))));
        assertNotEquals(generator.item(1000, "u0001", 5).startTs(), generator.item(1001, "u0001", 5).startTs());
    }

    @Test
    void timelineIsConsecutiveAndLocationsChain() {
        for (int user = 1; user <= 20; user++) {
            String userId = TimelineGenerator.userId(user);
            TimelineItem previous = null;
            for (long k = 0; k < 200; k++) {
                TimelineItem item = generator.item(1000, userId, k);
                Instant start = Instant.parse(item.startTs());
                Instant end = Instant.parse(item.endTs());
                assertTrue(start.isBefore(end), item.startTs());
                assertFalse(start.isBefore(EPOCH));
                assertTrue(item.startTs().endsWith("Z") && item.startTs().length() == 20, item.startTs());
                if (previous != null) {
                    Instant previousEnd = Instant.parse(previous.endTs());
                    assertFalse(start.isBefore(previousEnd), "items overlap at " + item.startTs());
                    if (previous.type().equals("IDLE")) {
                        assertEquals(previous.endTs(), item.startTs(), "IDLE lasts until the next item");
                    }
                    assertEquals(previous.features().endLocation(), item.features().startLocation(),
                            "an item starts where the previous one ended");
                }
                previous = item;
            }
        }
    }

    @Test
    void keyExistsOnlyAtExactItemStart() {
        TimelineItem item = generator.item(1000, "u0002", 7);
        Instant start = Instant.parse(item.startTs());
        assertTrue(generator.find(new TimelineKey(1000, "u0002", start)).isPresent());
        assertTrue(generator.find(new TimelineKey(1000, "u0002", start.plusSeconds(1))).isEmpty());
        assertTrue(generator.find(new TimelineKey(1000, "u0002", start.minusSeconds(1))).isEmpty());
        assertTrue(generator.find(new TimelineKey(1000, "u0002", start.plusMillis(1))).isEmpty());
        assertTrue(generator.find(new TimelineKey(1000, "u0002", EPOCH.minusSeconds(7200))).isEmpty());
        assertTrue(generator.find(new TimelineKey(1000, "u0021", start)).isEmpty(), "only u0001..u0020 exist");
        assertTrue(generator.find(new TimelineKey(1000, "u2", start)).isEmpty());
        assertTrue(generator.find(new TimelineKey(1000, "bob", start)).isEmpty());
        assertTrue(generator.points(new TimelineKey(1000, "u0002", start.plusSeconds(1))).isEmpty());
    }

    @Test
    void itemsHaveTheDocumentedShapeAndMixOfTypes() {
        Set<String> types = new HashSet<>();
        for (int user = 1; user <= 20; user++) {
            for (long k = 0; k < 100; k++) {
                TimelineItem item = generator.item(1000, TimelineGenerator.userId(user), k);
                TimelineItem.Features f = item.features();
                types.add(item.type());
                assertNotNull(f.startLocation());
                assertNotNull(f.endLocation());
                assertNotNull(f.startLocation().address());
                assertTrue(f.startLocation().timeZone().contains("/"));
                assertNotNull(f.metas());
                assertNotNull(f.energyEstimate(), "the unknown feature kind is on every item");
                if (NO_GPS.contains(item.type())) {
                    assertNull(f.gpsStats());
                    assertNull(f.transport());
                    assertNull(f.scores());
                    assertNull(f.phoneDistractions());
                    assertNull(f.drivingBehaviorEvents());
                } else {
                    assertEquals(item.type(), f.transport().type());
                    assertEquals(item.type(), f.transport().probabilities().keySet().iterator().next());
                    assertEquals(1.0, f.transport().probabilities().values().stream().mapToDouble(d -> d).sum(), 1e-9);
                    assertTrue(f.gpsStats().distance() > 0);
                    assertTrue(f.gpsStats().maxSpeed() >= f.gpsStats().averageSpeed());
                    assertTrue(f.scores().total() >= 0 && f.scores().total() <= 100);
                }
            }
        }
        assertTrue(types.containsAll(Set.of("IDLE", "WALKING", "CAR", "DRIVING", "TRAIN", "TRAM", "METRO", "CYCLING")),
                types::toString);
    }

    @Test
    void pointsMatchGpsStatsForTripsAndAreEmptyWithoutGps() {
        int trips = 0;
        int withoutGps = 0;
        for (long k = 0; k < 60; k++) {
            TimelineItem item = generator.item(1000, "u0004", k);
            List<GpsPoint> points = generator.points(key(item)).orElseThrow();
            if (NO_GPS.contains(item.type())) {
                assertTrue(points.isEmpty());
                withoutGps++;
                continue;
            }
            trips++;
            assertEquals(item.features().gpsStats().gpsPoints(), points.size());
            assertEquals(item.startTs(), points.get(0).ts());
            assertFalse(Instant.parse(points.get(points.size() - 1).ts()).isAfter(Instant.parse(item.endTs())));
            double length = 0;
            for (int i = 1; i < points.size(); i++) {
                GpsPoint a = points.get(i - 1);
                GpsPoint b = points.get(i);
                assertTrue(Instant.parse(a.ts()).isBefore(Instant.parse(b.ts())));
                length += Geo.distanceMetres(a.lat(), a.lon(), b.lat(), b.lon());
                assertTrue(b.speed() >= 0 && b.speed() <= item.features().gpsStats().maxSpeed() / 3.6 + 0.005 + 1e-9);
            }
            // The noisy track is about as long as the reported distance (noise adds a little).
            double distance = item.features().gpsStats().distance();
            assertEquals(distance, length, distance * 0.25 + 200, item.startTs());
        }
        assertTrue(trips > 0 && withoutGps > 0);
    }

    private static TimelineKey key(TimelineItem item) {
        return new TimelineKey(item.projectId(), item.userId(), Instant.parse(item.startTs()));
    }
}
