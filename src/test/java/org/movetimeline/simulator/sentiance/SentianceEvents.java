package org.movetimeline.simulator.sentiance;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transports the Firehose sender announced, which the simulated REST API then serves: Sentiance's API knows
 * what its Firehose sent. In memory (one transport is a few hundred bytes, a long local run holds a few hundred
 * thousand); counts each event's fetches so a refined one answers differently after the first. Thread-safe.
 */
public final class SentianceEvents {

    private record Key(String appId, String userId, String eventId) {
    }

    private record Entry(SimTransport transport, AtomicInteger fetches) {
    }

    private final Map<Key, Entry> events = new ConcurrentHashMap<>();

    void add(SimTransport t) {
        events.putIfAbsent(new Key(t.appId(), t.userId(), t.eventId()), new Entry(t, new AtomicInteger()));
    }

    Optional<SimTransport> find(String appId, String userId, String eventId) {
        return Optional.ofNullable(events.get(new Key(appId, userId, eventId))).map(Entry::transport);
    }

    /** The event as the {@code n}-th fetch sees it (1-based), counting this fetch. */
    Optional<Fetched> fetch(String appId, String userId, String eventId) {
        Entry e = events.get(new Key(appId, userId, eventId));
        return e == null ? Optional.empty() : Optional.of(new Fetched(e.transport(), e.fetches().incrementAndGet()));
    }

    public int size() {
        return events.size();
    }

    record Fetched(SimTransport transport, int fetch) {
    }
}
