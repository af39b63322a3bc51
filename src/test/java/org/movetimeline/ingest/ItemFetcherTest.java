package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.moveapi.MoveApiAdapter;
import org.movetimeline.moveapi.MoveCredentials;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.TestConfig;
import org.movetimeline.upstream.Answer;
import org.movetimeline.upstream.UpstreamException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetch stage against a scripted MOVE adapter: chunks, missing keys, failures, points and the budget. */
class ItemFetcherTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant T = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant REQUESTED = Instant.parse("2026-05-02T00:00:00Z");
    static final MoveCredentials CREDENTIALS = new MoveCredentials(TestConfig.move(Map.of("move.api.credentials", "1:k1,2:k2")));

    /** Answers from a table of items; points after a delay; projects in {@code failing} are refused. */
    static final class ScriptedMove extends MoveApiAdapter {
        final Map<TimelineKey, byte[]> items = new HashMap<>();
        final Map<TimelineKey, List<JsonNode>> points = new HashMap<>();
        final List<Integer> chunkSizes = new CopyOnWriteArrayList<>();
        final List<Integer> failing = new ArrayList<>();
        volatile long pointsDelayMillis;

        @Override
        public Answer<List<byte[]>> fetchItems(int projectId, List<TimelineKey> keys) {
            chunkSizes.add(keys.size());
            if (failing.contains(projectId)) {
                throw new UpstreamException.Permanent("POST /v20/timeline/batch answered 403");
            }
            return new Answer<>(REQUESTED, keys.stream().filter(items::containsKey).map(items::get).toList());
        }

        @Override
        public List<JsonNode> fetchPoints(TimelineKey key) {
            try {
                Thread.sleep(pointsDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return points.getOrDefault(key, List.of());
        }

        Pending trip(int projectId, String user, int hour) {
            Instant start = T.plusSeconds(3600L * hour);
            byte[] raw = FakeMoveApi.tripItem(projectId, user, start, "CAR").toString().getBytes(StandardCharsets.UTF_8);
            items.put(new TimelineKey(projectId, user, start), raw);
            return pending(projectId, user, start);
        }
    }

    static Pending pending(int projectId, String user, Instant start) {
        return new Pending(new TimelineNotification(projectId, user, start, new byte[0]), 0);
    }

    final ScriptedMove move = new ScriptedMove();
    ItemFetcher fetcher;

    ItemFetcher fetcher(int batchSize, boolean storePoints, int concurrency) {
        fetcher = new ItemFetcher(move, CREDENTIALS, MAPPER, batchSize, storePoints, concurrency);
        return fetcher;
    }

    @AfterEach
    void stop() {
        fetcher.shutdown();
    }

    @Test
    void keysAreAskedForInChunksPerProjectAndStampedWithTheRequestTime() {
        Map<Integer, List<Pending>> byProject = new LinkedHashMap<>();
        List<Pending> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(move.trip(1, "u", i));
        }
        byProject.put(1, many);
        byProject.put(2, List.of(move.trip(2, "v", 0)));

        ItemFetcher.Result result = fetcher(100, false, 4).fetch(byProject, Duration.ofSeconds(10));

        assertEquals(251, result.fetched().size());
        assertEquals(List.of(1, 50, 100, 100), move.chunkSizes.stream().sorted().toList());
        assertTrue(result.fetched().stream().allMatch(f -> f.item().fetchedAt().equals(REQUESTED)));
        assertTrue(result.failures().isEmpty());
    }

    @Test
    void aKeyMoveDoesNotReturnAndAFailingProjectAreRetriedAProjectWithoutCredentialsIsNot() {
        Pending missing = pending(1, "ghost", T);
        move.failing.add(2);
        Map<Integer, List<Pending>> byProject = new LinkedHashMap<>();
        byProject.put(1, List.of(move.trip(1, "u", 0), missing));
        byProject.put(2, List.of(move.trip(2, "v", 0)));
        byProject.put(3, List.of(pending(3, "w", T)));

        ItemFetcher.Result result = fetcher(100, false, 4).fetch(byProject, Duration.ofSeconds(10));

        assertEquals(1, result.fetched().size());
        Map<String, Failure> failures = new HashMap<>();
        result.failures().forEach(f -> failures.put(f.key(), f));
        assertEquals("not returned by the MOVE batch API", failures.get("1:ghost").reason());
        assertTrue(failures.get("1:ghost").retryable());
        assertEquals("Permanent: POST /v20/timeline/batch answered 403", failures.get("2:v").reason());
        assertTrue(failures.get("2:v").retryable());
        assertEquals("no MOVE API credentials for project 3 (add it to MOVE_API_CREDENTIALS)", failures.get("3:w").reason());
        assertFalse(failures.get("3:w").retryable());
    }

    @Test
    void pointsAreFetchedSideBySideAndABadPointIsDeadLettered() throws Exception {
        List<Pending> trips = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            trips.add(move.trip(1, "p", i));
        }
        move.pointsDelayMillis = 300;
        List<JsonNode> bad = new ArrayList<>();
        MAPPER.readTree("[{\"ts\":\"soon\",\"lat\":1,\"lon\":2}]").forEach(bad::add);
        move.points.put(trips.get(3).key(), bad);

        long started = System.nanoTime();
        ItemFetcher.Result result = fetcher(100, true, 8).fetch(Map.of(1, trips), Duration.ofSeconds(10));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // One after another, eight points calls would take 2.4 s.
        assertTrue(tookMillis < 1500, tookMillis + " ms");
        assertEquals(7, result.fetched().size());
        assertTrue(result.fetched().stream().allMatch(f -> f.points() != null));
        assertEquals(List.of("points: GPS point 0: ts is not an RFC 3339 timestamp: soon"),
                result.failures().stream().map(Failure::reason).toList());
        assertFalse(result.failures().get(0).retryable());
    }

    @Test
    void whatIsNotAnsweredWithinTheBudgetIsRetriedAndTheRestKept() {
        List<Pending> trips = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            trips.add(move.trip(1, "slow", i));
        }
        move.pointsDelayMillis = 400;

        // Two threads: four points calls fit in 1 s, two do not.
        ItemFetcher.Result result = fetcher(100, true, 2).fetch(Map.of(1, trips), Duration.ofMillis(1000));

        assertEquals(6, result.fetched().size() + result.failures().size());
        assertTrue(result.fetched().size() >= 2 && result.fetched().size() <= 4, result.fetched().size() + " fetched");
        assertTrue(result.failures().stream().allMatch(f -> f.retryable()
                && f.reason().equals("MOVE did not answer within the fetch budget of 1000 ms")));
    }
}
