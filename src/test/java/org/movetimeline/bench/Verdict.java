package org.movetimeline.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the chaos soak lost anything, from what the notifier got acknowledged and what the pipeline holds.
 * An item is <em>lost</em> (missing) when the receiver acknowledged it (answered 200 to a batch announcing it) and it
 * is neither a row of {@code timeline_item} nor on the DLQ. A row that never reached {@code move.timeline.items} is
 * lost too, for the consumers of that topic. Extra copies on {@code move.timeline.items} are counted, not failed:
 * delivery is at least once.
 *
 * @param itemsNotified          items the notifier was to announce
 * @param acknowledged           of those, announced in a batch answered 200
 * @param rows                   rows in {@code timeline_item}
 * @param missing                acknowledged, but neither a row nor on the DLQ
 * @param deadLettered           acknowledged, not a row, on the DLQ
 * @param notOnItemsTopic        acknowledged and a row, but no record on {@code move.timeline.items}
 * @param duplicatesOnItemsTopic records on {@code move.timeline.items} beyond the first of their key
 * @param unexpectedRows         rows of items that were never acknowledged (0 unless something else writes the table)
 * @param missingExamples        up to {@link #EXAMPLES} missing keys, for the report
 * @param longestStallSeconds    longest time acknowledged items waited without a new row ({@link StallMeter}); shown,
 *                               not judged
 */
record Verdict(long itemsNotified, long acknowledged, long rows, long missing, long deadLettered, long notOnItemsTopic,
               long duplicatesOnItemsTopic, long unexpectedRows, List<ItemKey> missingExamples,
               List<ItemKey> notOnItemsTopicExamples, EventCounts events, double longestStallSeconds, long seed) {

    static final int EXAMPLES = 10;

    /** What happened to the parts during the run. */
    record EventCounts(int receiverKills, int ingestKills, int brokerRestarts, int dbRestarts, int livenessRestarts,
                       int unexpectedExits) {

        static final EventCounts NONE = new EventCounts(0, 0, 0, 0, 0, 0);

        /** The scheduled events (kills and restarts), not the supervisor's own restarts. */
        int events() {
            return receiverKills + ingestKills + brokerRestarts + dbRestarts;
        }

        int kills() {
            return receiverKills + ingestKills;
        }
    }

    /**
     * @param acknowledgedKeys  the items the receiver acknowledged (distinct)
     * @param rowKeys           keys of every row of {@code timeline_item}
     * @param deadLetteredKeys  keys of every readable record on the DLQ
     * @param itemsTopicCounts  records per key on {@code move.timeline.items}
     */
    static Verdict of(long itemsNotified, Collection<ItemKey> acknowledgedKeys, Set<ItemKey> rowKeys,
                      Set<ItemKey> deadLetteredKeys, Map<ItemKey, Integer> itemsTopicCounts, EventCounts events,
                      double longestStallSeconds, long seed) {
        long missing = 0;
        long deadLettered = 0;
        long notOnItemsTopic = 0;
        long acknowledgedRows = 0;
        List<ItemKey> missingExamples = new ArrayList<>();
        List<ItemKey> notOnTopicExamples = new ArrayList<>();
        for (ItemKey key : acknowledgedKeys) {
            if (rowKeys.contains(key)) {
                acknowledgedRows++;
                if (!itemsTopicCounts.containsKey(key)) {
                    notOnItemsTopic++;
                    if (notOnTopicExamples.size() < EXAMPLES) {
                        notOnTopicExamples.add(key);
                    }
                }
            } else if (deadLetteredKeys.contains(key)) {
                deadLettered++;
            } else {
                missing++;
                if (missingExamples.size() < EXAMPLES) {
                    missingExamples.add(key);
                }
            }
        }
        long duplicates = itemsTopicCounts.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        return new Verdict(itemsNotified, acknowledgedKeys.size(), rowKeys.size(), missing, deadLettered,
                notOnItemsTopic, duplicates, rowKeys.size() - acknowledgedRows, List.copyOf(missingExamples),
                List.copyOf(notOnTopicExamples), events, longestStallSeconds, seed);
    }

    /** Every announced item was acknowledged, and none of them is lost. */
    boolean passed() {
        return acknowledged == itemsNotified && missing == 0 && notOnItemsTopic == 0;
    }

    /** Whether the pipeline has nothing left to do for the acknowledged items (the drain can stop waiting). */
    boolean settled() {
        return missing == 0 && notOnItemsTopic == 0;
    }

    /** Why it failed, in words; empty when it passed. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (acknowledged < itemsNotified) {
            reasons.add((itemsNotified - acknowledged) + " of " + itemsNotified
                    + " items were never acknowledged by the receiver within the time allowed");
        }
        if (missing > 0) {
            reasons.add(missing + " acknowledged items are neither rows nor on the DLQ, e.g. " + missingExamples);
        }
        if (notOnItemsTopic > 0) {
            reasons.add(notOnItemsTopic + " rows never reached move.timeline.items, e.g. " + notOnItemsTopicExamples);
        }
        return reasons;
    }

    /** The one machine-readable line: {@code key=value} words, the verdict last. */
    String line() {
        return "chaos items_notified=" + itemsNotified + " acknowledged=" + acknowledged + " rows=" + rows
                + " missing=" + missing + " dead_lettered=" + deadLettered + " not_on_items_topic=" + notOnItemsTopic
                + " duplicates_on_items_topic=" + duplicatesOnItemsTopic + " events=" + events.events()
                + " kills=" + events.kills() + " broker_restarts=" + events.brokerRestarts()
                + " db_restarts=" + events.dbRestarts() + " liveness_restarts=" + events.livenessRestarts()
                + " unexpected_exits=" + events.unexpectedExits()
                + " longest_stall_s=" + Math.round(longestStallSeconds) + " seed=" + seed
                + " verdict=" + (passed() ? "PASS" : "FAIL");
    }
}
