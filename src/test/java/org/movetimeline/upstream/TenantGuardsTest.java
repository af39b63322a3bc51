package org.movetimeline.upstream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.movetimeline.config.MoveConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-tenant limits and breakers (MOVE's naming: tenants are projects) without Quarkus, HTTP or Kafka: attempts are scripted answers. */
class TenantGuardsTest {

    static final Answer<byte[]> OK = new Answer<>(Instant.EPOCH, new byte[0]);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** MOVE's guards with {@link #settings}. */
    TenantGuards guards(String... overrides) {
        return new TenantGuards("MOVE", "move.api", "project", settings(overrides), registry);
    }

    /** The defaults of MoveConfig, fast retries, and {@code overrides} (pairs of name below move.api. and value). */
    static MoveConfig.Api settings(String... overrides) {
        Map<String, String> properties = new HashMap<>(Map.of("move.api.retry.delay", "1ms"));
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put("move.api." + overrides[i], overrides[i + 1]);
        }
        // Quarkus's converter reads "30s" as the application does; plain SmallRye Config only knows "PT30S".
        return new SmallRyeConfigBuilder().withMapping(MoveConfig.Api.class, "move.api")
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(MoveConfig.Api.class, "move.api");
    }

    static UpstreamException.Transient answered(CallOutcome outcome, Duration retryAfter) {
        return new UpstreamException.Transient("answered " + outcome.tag, outcome, retryAfter, null);
    }

    /** An attempt that fails as scripted, one failure per call, then answers OK; it counts its calls. */
    static final class Script implements Supplier<Answer<byte[]>> {
        final Queue<UpstreamException> failures;
        final AtomicInteger calls = new AtomicInteger();
        Runnable during = () -> { };

        Script(UpstreamException... failures) {
            this.failures = new ArrayDeque<>(Arrays.asList(failures));
        }

        @Override
        public Answer<byte[]> get() {
            calls.incrementAndGet();
            during.run();
            UpstreamException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            return OK;
        }
    }

    double calls(int project, String outcome) {
        return registry.get("move.api.calls").tag("project", Integer.toString(project)).tag("outcome", outcome).counter().count();
    }

    @Test
    void a429WithRetryAfterHoldsBackOnlyItsOwnCallAndLowersItsProjectsLimit() throws Exception {
        TenantGuards guards = guards("limit.initial", "4");
        Script rateLimited = new Script(answered(CallOutcome.RATE_LIMITED, Duration.ofMillis(800)));
        List<Integer> limitsSeen = new CopyOnWriteArrayList<>();
        rateLimited.during = () -> limitsSeen.add(guards.of("1").limit());

        long started = System.nanoTime();
        CompletableFuture<Answer<byte[]>> waiting = CompletableFuture.supplyAsync(() -> guards.of("1").call(rateLimited), pool);
        while (rateLimited.calls.get() == 0) {
            Thread.onSpinWait();
        }
        // Project 1's other calls and project 2's go straight through while the refused call sits out its Retry-After.
        long other = System.nanoTime();
        assertEquals(OK, guards.of("1").call(new Script()));
        assertEquals(OK, guards.of("2").call(new Script()));
        assertTrue(System.nanoTime() - other < TimeUnit.MILLISECONDS.toNanos(300), "the other calls did not wait");
        assertTrue(!waiting.isDone(), "the refused call is still waiting");

        assertEquals(OK, waiting.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(800), "the retry waited for Retry-After");
        assertEquals(List.of(4, 3), limitsSeen, "the 429 took the limit from 4 to 3 before the retry");
        assertEquals(4, guards.of("2").limit());
        assertEquals(1, calls(1, "429"));
        assertEquals(2, calls(1, "ok"));
        assertEquals(0, calls(2, "429"));
    }

    @Test
    void successesRaiseTheLimitUpToItsMaxAndTimeoutsLowerItDownToItsMin() {
        TenantGuards guards = guards("limit.initial", "1", "limit.min", "1", "limit.max", "2", "retry.max-retries", "0");
        List<Integer> limits = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            guards.of("7").call(new Script());
            limits.add(guards.of("7").limit());
        }
        // One call in flight is half of 2, so the second success would make it 3: the max keeps it at 2.
        assertEquals(List.of(2, 2, 2, 2), limits);
        for (int i = 0; i < 3; i++) {
            assertThrows(UpstreamException.Transient.class, () -> guards.of("7").call(new Script(answered(CallOutcome.TIMEOUT, null))));
        }
        assertEquals(1, guards.of("7").limit());
    }

    @Test
    void concurrentSuccessesRaiseTheLimitToItsCapAndNoFurther() throws Exception {
        TenantGuards guards = guards("limit.initial", "2", "limit.max", "3");
        for (int round = 0; round < 3; round++) {
            CountDownLatch bothIn = new CountDownLatch(2);
            Script script = new Script();
            script.during = () -> {
                bothIn.countDown();
                await(bothIn);
            };
            CompletableFuture<?> a = CompletableFuture.supplyAsync(() -> guards.of("3").call(script), pool);
            CompletableFuture<?> b = CompletableFuture.supplyAsync(() -> guards.of("3").call(script), pool);
            CompletableFuture.allOf(a, b).get(5, TimeUnit.SECONDS);
        }
        assertEquals(3, guards.of("3").limit());
    }

    @Test
    void aCallOverTheLimitWaitsAtMostMaxWaitAndOtherProjectsDoNot() throws Exception {
        TenantGuards guards = guards("limit.initial", "1", "limit.max", "1", "limit.max-wait", "300ms");
        CountDownLatch release = new CountDownLatch(1);
        Script holder = new Script();
        holder.during = () -> await(release);
        CompletableFuture<Answer<byte[]>> holding = CompletableFuture.supplyAsync(() -> guards.of("1").call(holder), pool);
        while (holder.calls.get() == 0) {
            Thread.onSpinWait();
        }

        Script second = new Script();
        long started = System.nanoTime();
        UpstreamException.Transient refused = assertThrows(UpstreamException.Transient.class, () -> guards.of("1").call(second));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waitedMs >= 250 && waitedMs < 2000, "waited " + waitedMs + " ms");
        assertEquals("project 1 not called: no free call slot within 300 ms", refused.getMessage());
        assertEquals(0, second.calls.get());
        assertEquals(OK, guards.of("2").call(new Script()), "project 2 has slots of its own");

        release.countDown();
        assertEquals(OK, holding.get(5, TimeUnit.SECONDS));
        assertEquals(1, calls(1, "refused"));
    }

    @Test
    void aRetryAfterLongerThanMaxWaitFailsAtOnceAndSaysWhenToComeBack() {
        TenantGuards guards = guards("limit.max-wait", "300ms");
        Script rateLimited = new Script(answered(CallOutcome.RATE_LIMITED, Duration.ofSeconds(30)));
        long started = System.nanoTime();
        UpstreamException.Transient refused = assertThrows(UpstreamException.Transient.class, () -> guards.of("1").call(rateLimited));
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(200), "failed without waiting");
        assertEquals("answered 429", refused.getMessage());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter().orElseThrow());
        assertEquals(1, rateLimited.calls.get(), "not retried within the call");

        Script next = new Script();
        assertEquals(OK, guards.of("1").call(next), "the project's next call is not held back");
        assertEquals(1, next.calls.get());
    }

    @Test
    void fiveHundredsOpenOnlyTheirProjectsBreakerWhichThenFailsFast() throws Exception {
        TenantGuards guards = guards("retry.max-retries", "0", "breaker.window", "4", "breaker.delay", "400ms");
        for (int i = 0; i < 4; i++) {
            UpstreamException.Transient failure = assertThrows(UpstreamException.Transient.class,
                    () -> guards.of("1").call(new Script(answered(CallOutcome.SERVER_ERROR, null))));
            assertEquals("answered 5xx", failure.getMessage());
        }
        assertEquals(1, guards.of("1").breakerState());

        Script whileOpen = new Script();
        UpstreamException.Transient refused = assertThrows(UpstreamException.Transient.class, () -> guards.of("1").call(whileOpen));
        assertEquals("circuit breaker of project 1 is open", refused.getMessage());
        assertTrue(refused.retryAfter().orElseThrow().compareTo(Duration.ofMillis(400)) <= 0);
        assertEquals(0, whileOpen.calls.get(), "an open breaker sends nothing");
        assertEquals(1, calls(1, "refused"));

        assertEquals(OK, guards.of("2").call(new Script()), "project 2's breaker is its own");
        assertEquals(0, guards.of("2").breakerState());

        Thread.sleep(500);
        assertEquals(OK, guards.of("1").call(new Script()), "after the delay a trial call goes through");
        assertEquals(2, guards.of("1").breakerState());
        assertEquals(OK, guards.of("1").call(new Script()));
        assertEquals(0, guards.of("1").breakerState(), "two successful trials close it");
    }

    @Test
    void rateLimitsNeverOpenTheBreaker() {
        TenantGuards guards = guards("retry.max-retries", "0", "breaker.window", "4", "limit.initial", "8");
        for (int i = 0; i < 12; i++) {
            UpstreamException.Transient failure = assertThrows(UpstreamException.Transient.class,
                    () -> guards.of("5").call(new Script(answered(CallOutcome.RATE_LIMITED, null))));
            assertEquals("answered 429", failure.getMessage());
        }
        assertEquals(0, guards.of("5").breakerState());
        assertEquals(1, guards.of("5").limit(), "each 429 lowered the limit, down to its min");
        assertEquals(12, calls(5, "429"));
    }

    @Test
    void transientFailuresAreRetriedInTheCallAndRefusalsAreNot() {
        TenantGuards guards = guards("retry.max-retries", "2");
        Script flaky = new Script(answered(CallOutcome.IO, null), answered(CallOutcome.SERVER_ERROR, null));
        assertEquals(OK, guards.of("4").call(flaky));
        assertEquals(3, flaky.calls.get());

        Script refusing = new Script(new UpstreamException.Permanent("answered 403"));
        assertThrows(UpstreamException.Permanent.class, () -> guards.of("4").call(refusing));
        assertEquals(1, refusing.calls.get());
        assertEquals(1, calls(4, "io"));
        assertEquals(1, calls(4, "5xx"));
        assertEquals(1, calls(4, "4xx"));
        assertEquals(1, calls(4, "ok"));
        assertEquals(4, registry.get("move.api.call").tag("project", "4").timer().count());
        assertEquals(0.0, registry.get("move.api.breaker.state").tag("project", "4").gauge().value());
        assertEquals(4.0, registry.get("move.api.limit").tag("project", "4").gauge().value());
    }

    @Test
    void aNotFoundIsNeitherRetriedNorHeldAgainstTheBreakerAndEachApiNamesItsOwnMeters() {
        TenantGuards sentiance = new TenantGuards("Sentiance", "sentiance.api", "app",
                settings("retry.max-retries", "0", "breaker.window", "4", "breaker.delay", "10s"), registry);
        for (int i = 0; i < 8; i++) {
            Script notThereYet = new Script(answered(CallOutcome.NOT_FOUND, null));
            UpstreamException.Transient failure = assertThrows(UpstreamException.Transient.class,
                    () -> sentiance.of("app-1").call(notThereYet));
            assertEquals(CallOutcome.NOT_FOUND, failure.outcome());
            assertEquals(1, notThereYet.calls.get(), "asked again through the retry tiers, not within the call");
        }
        assertEquals(0, sentiance.of("app-1").breakerState());
        assertEquals(4, sentiance.of("app-1").limit(), "a 404 says nothing about load");
        assertEquals(8, registry.get("sentiance.api.calls").tag("app", "app-1").tag("outcome", "404").counter().count());

        for (int i = 0; i < 4; i++) {
            assertThrows(UpstreamException.Transient.class,
                    () -> sentiance.of("app-1").call(new Script(answered(CallOutcome.SERVER_ERROR, null))));
        }
        UpstreamException.Transient refused = assertThrows(UpstreamException.Transient.class,
                () -> sentiance.of("app-1").call(new Script()));
        assertEquals("circuit breaker of app app-1 is open", refused.getMessage());
        assertEquals(1.0, registry.get("sentiance.api.breaker.state").tag("app", "app-1").gauge().value());
        assertEquals(OK, guards().of("app-1").call(new Script()), "MOVE's guard of the same id is another guard");
        assertEquals(0.0, registry.get("move.api.breaker.state").tag("project", "app-1").gauge().value());
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
