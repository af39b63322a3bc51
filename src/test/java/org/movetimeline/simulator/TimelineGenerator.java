package org.movetimeline.simulator;

import org.movetimeline.timeline.TimelineKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated MOVE data set: every user's endless, deterministic timeline. Nothing is stored;
 * the API and the notifier (even in separate processes) compute the same items from the same
 * (seed, epoch, usersPerProject). Thread-safe.
 */
public final class TimelineGenerator {

    private final long seed;
    private final int usersPerProject;
    private final TimelinePlanner planner;
    private final ItemFactory factory;
    private final GpsTrack track;
    /** Profiles are pure functions of the user; cached only because every item needs one. */
    private final Map<String, UserProfile> profiles = new ConcurrentHashMap<>();

    public TimelineGenerator(long seed, Instant epoch, int usersPerProject) {
        this.seed = seed;
        this.usersPerProject = usersPerProject;
        this.planner = new TimelinePlanner(seed, epoch);
        this.factory = new ItemFactory(seed);
        this.track = new GpsTrack(seed);
    }

    public static TimelineGenerator of(SimulatorSettings settings) {
        return new TimelineGenerator(settings.seed(), settings.epoch(), settings.usersPerProject());
    }

    public int usersPerProject() {
        return usersPerProject;
    }

    /** User {@code number} (1-based) of any project: {@code u0001}, {@code u0002}, ... */
    public static String userId(int number) {
        return UserIds.of(number);
    }

    /** Item {@code k} (0-based) of a user's timeline; {@code userId} must be one of the simulated users. */
    public TimelineItem item(int projectId, String userId, long k) {
        return factory.item(plan(projectId, userId, k));
    }

    /** The notification MOVE sends for item {@code k}; same start, end and type as {@link #item}. */
    public Notification.Item notification(int projectId, String userId, long k) {
        return ItemFactory.notification(plan(projectId, userId, k));
    }

    /** The item with this key, or empty if the user has no item starting exactly then. */
    public Optional<TimelineItem> find(TimelineKey key) {
        return index(key).stream().mapToObj(k -> factory.item(plan(key.projectId(), key.userId(), k))).findFirst();
    }

    /** GPS points of the item with this key ({@code []} for IDLE and WALKING), or empty if it does not exist. */
    public Optional<List<GpsPoint>> points(TimelineKey key) {
        return index(key).stream().mapToObj(k -> track.points(plan(key.projectId(), key.userId(), k))).findFirst();
    }

    private OptionalLong index(TimelineKey key) {
        if (UserIds.number(key.userId(), usersPerProject).isEmpty()) {
            return OptionalLong.empty();
        }
        return planner.indexOf(key.projectId(), key.userId(), key.startTs());
    }

    private ItemPlan plan(int projectId, String userId, long k) {
        if (k < 0 || UserIds.number(userId, usersPerProject).isEmpty()) {
            throw new IllegalArgumentException("no simulated item " + k + " of " + projectId + "/" + userId);
        }
        UserProfile profile = profiles.computeIfAbsent(projectId + ":" + userId,
                id -> UserProfile.of(seed, projectId, userId));
        return planner.plan(projectId, userId, k, profile);
    }
}
