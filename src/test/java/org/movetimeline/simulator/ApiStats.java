package org.movetimeline.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the simulated API answered, for the progress line, tests and benchmarks. Thread-safe. */
public final class ApiStats {

    private final LongAdder requests = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder keysRequested = new LongAdder();
    private final LongAdder itemsReturned = new LongAdder();
    private final LongAdder pointsReturned = new LongAdder();

    public void request(int status) {
        requests.increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public void keysRequested(int n) {
        keysRequested.add(n);
    }

    public void itemsReturned(int n) {
        itemsReturned.add(n);
    }

    public void pointsReturned(int n) {
        pointsReturned.add(n);
    }

    public Snapshot snapshot() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
        return new Snapshot(requests.sum(), Map.copyOf(byStatus), keysRequested.sum(), itemsReturned.sum(),
                pointsReturned.sum());
    }

    /**
     * @param requests       API calls answered (health checks excluded)
     * @param statuses       answers per HTTP status
     * @param keysRequested  keys asked for in batch calls plus single-item GETs
     * @param itemsReturned  items in the answers
     * @param pointsReturned GPS points in the answers
     */
    public record Snapshot(long requests, Map<Integer, Long> statuses, long keysRequested, long itemsReturned,
                           long pointsReturned) {

        public long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        /** One line for the progress log. */
        public String line() {
            return "api: requests=" + requests + " statuses=" + new TreeMap<>(statuses) + " keys=" + keysRequested
                    + " items=" + itemsReturned + " points=" + pointsReturned;
        }
    }
}
