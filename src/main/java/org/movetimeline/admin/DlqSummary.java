package org.movetimeline.admin;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What waits on a DLQ (after the replay cursor) and matches the filter: how many, why, from which stage and
 * tenant (MOVE's project, Sentiance's app), how old, and an example of each of the commonest reasons.
 *
 * @param records  dead letters that match the filter
 * @param examined records read, matching or not
 * @param left     records not read: the time limit ran out first, so the counts are a lower bound
 * @param oldest   the matching record with the earliest time (null when there is none)
 * @param byTenant in an answer under the tenancy's name: {@code byProject}, {@code byApp}
 */
@RegisterForReflection // written by Jackson outside the REST layer
public record DlqSummary(DlqFilter filter, long records, long examined, long left, Sample oldest, Sample newest,
                         Map<String, Long> byReason, Map<String, Long> bySource, @JsonIgnore Tenancy tenancy,
                         @JsonIgnore Map<String, Long> byTenant, List<Sample> samples) implements AdminAnswer {

    /** Reasons often quote a value (an offset, a PostgreSQL message), so the distinct ones are counted up to a bound. */
    static final int MAX_DISTINCT = 50;
    static final String OTHERS = "(others)";
    static final String NONE = "(none)";
    static final int SAMPLES = 5;

    @JsonAnyGetter
    Map<String, Object> byTenantByName() {
        return Map.of(tenancy.counts, byTenant);
    }

    @Override
    public String outcome() {
        return "records=" + records + " examined=" + examined + " left=" + left;
    }

    /** Counts dead letters as they are read. */
    static final class Tally {
        private final Counts reasons = new Counts();
        private final Counts sources = new Counts();
        private final Counts tenants = new Counts();
        private final Map<String, Sample> firstOfReason = new HashMap<>();
        private long records;
        private Sample oldest;
        private Sample newest;

        void add(DeadLetter letter) {
            records++;
            String reason = reasons.add(letter.reason());
            sources.add(letter.source());
            tenants.add(letter.tenant() == null ? null : letter.tenant().toString());
            boolean firstOfItsReason = !firstOfReason.containsKey(reason);
            boolean oldestYet = oldest == null || letter.time().isBefore(oldest.time());
            boolean newestYet = newest == null || !letter.time().isBefore(newest.time());
            if (firstOfItsReason || oldestYet || newestYet) {
                Sample sample = letter.sample();
                if (firstOfItsReason) {
                    firstOfReason.put(reason, sample);
                }
                if (oldestYet) {
                    oldest = sample;
                }
                if (newestYet) {
                    newest = sample;
                }
            }
        }

        DlqSummary summary(DlqFilter filter, Tenancy tenancy, long examined, long left) {
            Map<String, Long> byReason = reasons.sorted();
            List<Sample> samples = byReason.keySet().stream().limit(SAMPLES).map(firstOfReason::get).toList();
            return new DlqSummary(filter, records, examined, left, oldest, newest, byReason, sources.sorted(), tenancy,
                    tenants.sorted(), samples);
        }
    }

    /** Counts per value, at most {@link #MAX_DISTINCT} values; the rest are counted together as {@link #OTHERS}. */
    private static final class Counts {
        private final Map<String, Long> counts = new HashMap<>();

        /** @return the key the value was counted under */
        String add(String value) {
            String key = value == null ? NONE : value;
            if (!counts.containsKey(key) && counts.size() >= MAX_DISTINCT) {
                key = OTHERS;
            }
            counts.merge(key, 1L, Long::sum);
            return key;
        }

        /** The commonest first. */
        Map<String, Long> sorted() {
            Map<String, Long> out = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
    }
}
