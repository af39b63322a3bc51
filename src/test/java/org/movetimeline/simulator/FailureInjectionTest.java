package org.movetimeline.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureInjectionTest {

    private static final String AUTH = SimulatorClient.basic("1000", "k");

    @Test
    void ratiosAreRoughlyAsConfiguredOver1000Calls() throws Exception {
        Map<Integer, Integer> statuses = callBatch(Map.of("SIM_FAIL_429_RATIO", "0.2", "SIM_FAIL_500_RATIO", "0.1"), 1000);
        assertEquals(1000, statuses.values().stream().mapToInt(i -> i).sum());
        // 1000 draws: the standard deviation of a 20% share is ~1.3%, so +-5% never fails by chance.
        assertEquals(200, statuses.getOrDefault(429, 0), 50, statuses::toString);
        assertEquals(100, statuses.getOrDefault(500, 0), 50, statuses::toString);
        assertEquals(700, statuses.getOrDefault(200, 0), 50, statuses::toString);
    }

    @Test
    void ratioOneFailsEveryCallAndZeroNone() throws Exception {
        assertEquals(Map.of(429, 200), callBatch(Map.of("SIM_FAIL_429_RATIO", "1.0"), 200));
        assertEquals(Map.of(500, 200), callBatch(Map.of("SIM_FAIL_500_RATIO", "1"), 200));
        assertEquals(Map.of(200, 200), callBatch(Map.of("SIM_FAIL_429_RATIO", "0", "SIM_FAIL_500_RATIO", "0"), 200));
    }

    @Test
    void tooManyRequestsCarriesRetryAfterAndAppliesToEveryApiEndpoint() throws Exception {
        try (MoveSimulator sim = start(Map.of("SIM_FAIL_429_RATIO", "1.0"))) {
            SimulatorClient client = new SimulatorClient(sim.baseUrl());
            TimelineItem item = sim.generator().item(1000, "u0001", 0);
            long start = Instant.parse(item.startTs()).getEpochSecond();
            for (HttpResponse<String> r : new HttpResponse[] {
                    client.post("/v20/timeline/batch", AUTH, "[]"),
                    client.get("/v20/timeline/" + start + "?projectId=1000&userId=u0001", AUTH),
                    client.get("/v20/timeline/" + start + "/points?projectId=1000&userId=u0001", AUTH)}) {
                assertEquals(429, r.statusCode());
                assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                assertEquals("too_many_requests", SimulatorClient.json(r).get("error").asText());
            }
            // Not the health check: it tells whether the simulator runs, not how MOVE behaves.
            assertEquals(200, client.get("/health", null).statusCode());
        }
    }

    @Test
    void aProjectListedInFailAll500ProjectsGets500OnEveryCallWhileTheOthersAreHealthy() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SIM_HOST", "127.0.0.1");
        env.put("SIM_PORT", "0");
        env.put("SIM_CREDENTIALS", "1000:k,1001:k2");
        env.put("SIM_FAIL_ALL_500_PROJECTS", "1001");
        try (MoveSimulator sim = MoveSimulator.start(SimulatorSettings.fromEnvironment(env))) {
            SimulatorClient client = new SimulatorClient(sim.baseUrl());
            String failing = SimulatorClient.basic("1001", "k2");
            for (int i = 0; i < 20; i++) {
                assertEquals(200, client.post("/v20/timeline/batch", AUTH, "[]").statusCode());
                HttpResponse<String> r = client.post("/v20/timeline/batch", failing, "[]");
                assertEquals(500, r.statusCode());
                assertEquals("internal", SimulatorClient.json(r).get("error").asText());
            }
            // Still authenticated first: a wrong key of the failing project is 401, not 500.
            assertEquals(401, client.post("/v20/timeline/batch", SimulatorClient.basic("1001", "wrong"), "[]").statusCode());
        }
    }

    @Test
    void failingProjectsDoNotShiftTheOtherProjectsDraws() {
        FailureInjector plain = new FailureInjector(0.3, 0.2, 0, 0, 7);
        FailureInjector withOutage = new FailureInjector(0.3, 0.2, Set.of(1001), 0, 0, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(FailureInjector.Outcome.SERVER_ERROR, withOutage.next(1001));
            assertEquals(plain.next(1000), withOutage.next(1000));
        }
    }

    @Test
    void latencyIsAdded() throws Exception {
        try (MoveSimulator sim = start(Map.of("SIM_LATENCY_MS", "100", "SIM_LATENCY_JITTER_MS", "50"))) {
            SimulatorClient client = new SimulatorClient(sim.baseUrl());
            client.post("/v20/timeline/batch", AUTH, "[]"); // warm up the connection
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                assertEquals(200, client.post("/v20/timeline/batch", AUTH, "[]").statusCode());
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(millis >= 100 && millis < 1000, millis + " ms");
            }
        }
    }

    @Test
    void sameSeedGivesTheSameFailureSequenceWhenCalledSequentially() {
        FailureInjector a = new FailureInjector(0.3, 0.2, 0, 0, 7);
        FailureInjector b = new FailureInjector(0.3, 0.2, 0, 0, 7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(), b.next());
        }
    }

    private static Map<Integer, Integer> callBatch(Map<String, String> env, int calls) throws Exception {
        Map<Integer, Integer> statuses = new HashMap<>();
        try (MoveSimulator sim = start(env)) {
            SimulatorClient client = new SimulatorClient(sim.baseUrl());
            // Eight callers at once: quicker, and the draws must hold up under concurrency too.
            ExecutorService callers = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    answers.add(callers.submit(() -> client.post("/v20/timeline/batch", AUTH, "[]").statusCode()));
                }
                for (Future<Integer> answer : answers) {
                    statuses.merge(answer.get(), 1, Integer::sum);
                }
            } finally {
                callers.shutdownNow();
            }
            assertEquals(calls, sim.apiStats().requests());
            assertEquals(statuses.getOrDefault(429, 0), (int) sim.apiStats().count(429));
        }
        return statuses;
    }

    private static MoveSimulator start(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("SIM_HOST", "127.0.0.1");
        all.put("SIM_PORT", "0");
        all.put("SIM_CREDENTIALS", "1000:k");
        return MoveSimulator.start(SimulatorSettings.fromEnvironment(all));
    }
}
