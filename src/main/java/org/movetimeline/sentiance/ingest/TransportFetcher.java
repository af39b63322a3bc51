package org.movetimeline.sentiance.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.SentianceConfig;
import org.movetimeline.ingest.Failure;
import org.movetimeline.ingest.TenantPools;
import org.movetimeline.sentiance.FetchedTransport;
import org.movetimeline.sentiance.TrajectoryPoint;
import org.movetimeline.sentiance.api.SentianceApiAdapter;
import org.movetimeline.upstream.Answer;
import org.movetimeline.upstream.UpstreamException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fetch stage: for each transport, the event, the behaviour scores of a car and the trajectory when points are
 * stored, one transport per task on its app's pool ({@link TenantPools}), so an app waiting for Sentiance's
 * Retry-After or a free slot of its limit never holds another app's calls. What is not answered within the batch's
 * fetch budget, and every transient failure (404 "not yet" included), is retried through the retry tiers; a refused
 * key, a missing key and an answer that cannot make a row go to the DLQ at once.
 */
@ApplicationScoped
public class TransportFetcher {

    private final SentianceApiAdapter api;
    private final ObjectMapper mapper;
    private final boolean storePoints;
    private final TenantPools<String> pools;

    /** What the fetch stage made of each transport: a row to write, or a failure. */
    record Result(List<FetchedRow> fetched, List<Failure> failures) {
    }

    @Inject
    public TransportFetcher(SentianceApiAdapter api, ObjectMapper mapper, SentianceConfig config) {
        this(api, mapper, config.api().storePoints(), TenantPools.THREADS_PER_SLOT * config.api().limit().max());
    }

    TransportFetcher(SentianceApiAdapter api, ObjectMapper mapper, boolean storePoints, int threadsPerApp) {
        this.api = api;
        this.mapper = mapper;
        this.storePoints = storePoints;
        this.pools = new TenantPools<>("sentiance-api-fetch-", threadsPerApp);
    }

    Result fetch(Map<String, List<PendingTransport>> byApp, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Failure> failures = new ArrayList<>();
        List<PendingTransport> asked = new ArrayList<>();
        List<CompletableFuture<Outcome>> answers = new ArrayList<>();
        for (var app : byApp.entrySet()) {
            if (!api.hasKey(app.getKey())) {
                String reason = SentianceApiAdapter.noKey(app.getKey());
                app.getValue().forEach(p -> failures.add(p.deadLetter(reason)));
                continue;
            }
            for (PendingTransport pending : app.getValue()) {
                asked.add(pending);
                answers.add(pools.submit(app.getKey(), () -> fetchOne(pending)));
            }
        }
        List<FetchedRow> fetched = new ArrayList<>();
        String late = "Sentiance did not answer within the fetch budget of " + budget.toMillis() + " ms";
        for (int i = 0; i < answers.size(); i++) {
            Outcome outcome = TenantPools.await(answers.get(i), deadline);
            if (outcome == null) {
                failures.add(asked.get(i).retry(late));
            } else if (outcome.fetched() != null) {
                fetched.add(outcome.fetched());
            } else {
                failures.add(outcome.failure());
            }
        }
        return new Result(fetched, failures);
    }

    /** A transport's fate in this attempt: exactly one of the two is set. */
    private record Outcome(FetchedRow fetched, Failure failure) {
    }

    private Outcome fetchOne(PendingTransport pending) {
        String app = pending.key().appId();
        String user = pending.key().userId();
        String event = pending.key().eventId();
        try {
            Answer<byte[]> answer = api.event(app, user, event);
            byte[] scores = "car".equals(mode(answer.value(), pending.messageMode()))
                    ? api.behaviorScores(app, user, event).value() : null;
            List<TrajectoryPoint> points = storePoints
                    ? TrajectoryPoint.fromAnswer(mapper, api.trajectory(app, user, event).value()) : null;
            FetchedTransport transport = FetchedTransport.from(mapper, app, pending.raw(), answer.value(), scores,
                    points == null ? List.of() : points, answer.requestedAt());
            return new Outcome(new FetchedRow(pending, transport, points), null);
        } catch (UpstreamException.Permanent e) {
            return new Outcome(null, pending.deadLetter(e.getMessage()));
        } catch (UpstreamException e) {
            return new Outcome(null, pending.retry(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // Sentiance sent it so; asking again would bring the same answer back.
            return new Outcome(null, pending.deadLetter("Sentiance's answers make no transport row: " + e.getMessage()));
        } catch (RuntimeException e) {
            return new Outcome(null, pending.retry(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** The event answer's mode (the later word), else the message's. */
    private String mode(byte[] event, String messageMode) {
        try {
            JsonNode mode = mapper.readTree(event).get("mode");
            return mode != null && mode.isTextual() ? mode.asText() : messageMode;
        } catch (IOException e) {
            return messageMode; // FetchedTransport names what is wrong with it
        }
    }

    @PreDestroy
    void shutdown() {
        pools.close();
    }
}
