package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.moveapi.MoveApiAdapter;
import org.movetimeline.moveapi.MoveCredentials;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.store.FetchedItem;
import org.movetimeline.store.GpsPoint;
import org.movetimeline.upstream.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The fetch stage: batch calls of at most move.api.batch-size keys per project, and the GPS points of trips
 * when those are stored. Each project's calls run on a pool of its own ({@link TenantPools}, threads for each
 * call its limit can reach, move.api.limit.max), so a project waiting for MOVE's Retry-After or a free slot of its limit
 * never holds another project's calls. Whatever is not answered within the batch's fetch budget is a retryable
 * failure, so a slow MOVE can never hold the consumer past max.poll.interval.ms.
 */
@ApplicationScoped
public class ItemFetcher {

    private static final Logger LOG = Logger.getLogger(ItemFetcher.class);

    private final MoveApiAdapter moveApi;
    private final MoveCredentials credentials;
    private final ObjectMapper mapper;
    private final int batchSize;
    private final boolean storePoints;
    private final TenantPools<Integer> pools;

    /** What the fetch stage made of each notification: an item to write, or a failure. */
    record Result(List<Fetched> fetched, List<Failure> failures) {
    }

    @Inject
    public ItemFetcher(MoveApiAdapter moveApi, MoveCredentials credentials, ObjectMapper mapper, MoveConfig config) {
        this(moveApi, credentials, mapper, config.api().batchSize(), config.api().storePoints(),
                TenantPools.THREADS_PER_SLOT * config.api().limit().max());
    }

    ItemFetcher(MoveApiAdapter moveApi, MoveCredentials credentials, ObjectMapper mapper, int batchSize,
                boolean storePoints, int threadsPerProject) {
        this.moveApi = moveApi;
        this.credentials = credentials;
        this.mapper = mapper;
        this.batchSize = batchSize;
        this.storePoints = storePoints;
        this.pools = new TenantPools<>("move-api-fetch-", threadsPerProject);
    }

    Result fetch(Map<Integer, List<Pending>> byProject, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Failure> failures = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (var project : byProject.entrySet()) {
            if (credentials.authorization(project.getKey()).isEmpty()) {
                String reason = "no MOVE API credentials for project " + project.getKey() + " (add it to MOVE_API_CREDENTIALS)";
                project.getValue().forEach(p -> failures.add(Failure.deadLetter(p, reason)));
                continue;
            }
            List<Pending> keys = project.getValue();
            for (int from = 0; from < keys.size(); from += batchSize) {
                List<Pending> chunk = keys.subList(from, Math.min(keys.size(), from + batchSize));
                var request = pools.submit(project.getKey(), () -> fetchChunk(project.getKey(), chunk));
                calls.add(new Call(chunk, request, request.thenApply(this::withPoints)));
            }
        }
        List<Fetched> fetched = new ArrayList<>();
        String late = "MOVE did not answer within the fetch budget of " + budget.toMillis() + " ms";
        for (Call call : calls) {
            List<CompletableFuture<Outcome>> perItem = TenantPools.await(call.answer(), deadline);
            if (perItem == null) {
                call.request().cancel(false);
                call.chunk().forEach(p -> failures.add(Failure.retry(p, late)));
                continue;
            }
            for (int i = 0; i < perItem.size(); i++) {
                Outcome outcome = TenantPools.await(perItem.get(i), deadline);
                if (outcome == null) {
                    failures.add(Failure.retry(call.chunk().get(i), late));
                } else if (outcome.fetched() != null) {
                    fetched.add(outcome.fetched());
                } else {
                    failures.add(outcome.failure());
                }
            }
        }
        return new Result(fetched, failures);
    }

    /** One batch call; its answer is one future per key of the chunk, in the chunk's order. */
    private record Call(List<Pending> chunk, CompletableFuture<List<Outcome>> request,
                        CompletableFuture<List<CompletableFuture<Outcome>>> answer) {
    }

    /** A notification's fate in this attempt: exactly one of the two is set. */
    private record Outcome(Fetched fetched, Failure failure) {
    }

    private List<Outcome> fetchChunk(int projectId, List<Pending> chunk) {
        Answer<List<byte[]>> answer;
        try {
            answer = moveApi.fetchItems(projectId, chunk.stream().map(Pending::key).toList());
        } catch (RuntimeException e) {
            String reason = reason(e);
            return chunk.stream().map(p -> new Outcome(null, Failure.retry(p, reason))).toList();
        }
        Map<TimelineKey, FetchedItem> returned = new HashMap<>();
        for (byte[] item : answer.value()) {
            try {
                FetchedItem fetchedItem = FetchedItem.from(mapper.getFactory(), item, answer.requestedAt());
                returned.put(fetchedItem.key(), fetchedItem);
            } catch (IllegalArgumentException e) {
                LOG.warnf("MOVE returned an item for project %d that cannot be keyed: %s", projectId, e.getMessage());
            }
        }
        List<Outcome> outcomes = new ArrayList<>(chunk.size());
        for (Pending pending : chunk) {
            FetchedItem item = returned.get(pending.key());
            outcomes.add(item != null ? new Outcome(new Fetched(pending, item, null), null)
                    : new Outcome(null, Failure.retry(pending, "not returned by the MOVE batch API")));
        }
        return outcomes;
    }

    /** Adds the GPS points to each trip of the chunk, each a call of its own on the pool. */
    private List<CompletableFuture<Outcome>> withPoints(List<Outcome> outcomes) {
        return outcomes.stream()
                .map(o -> !storePoints || o.fetched() == null || o.fetched().item().distanceMeters() == null
                        ? CompletableFuture.completedFuture(o)
                        : pools.submit(o.fetched().item().key().projectId(), () -> points(o.fetched())))
                .toList();
    }

    private Outcome points(Fetched fetched) {
        List<JsonNode> answer;
        try {
            answer = moveApi.fetchPoints(fetched.item().key());
        } catch (RuntimeException e) {
            return new Outcome(null, Failure.retry(fetched.pending(), "points: " + reason(e)));
        }
        try {
            return new Outcome(new Fetched(fetched.pending(), fetched.item(), GpsPoint.fromJson(answer)), null);
        } catch (IllegalArgumentException e) {
            // MOVE sent it so; asking again would bring the same point back.
            return new Outcome(null, Failure.deadLetter(fetched.pending(), "points: " + e.getMessage()));
        }
    }

    private static String reason(RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @PreDestroy
    void shutdown() {
        pools.close();
    }
}
