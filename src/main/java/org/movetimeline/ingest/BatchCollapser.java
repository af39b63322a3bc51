package org.movetimeline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.movetimeline.timeline.TimelineKey;
import org.movetimeline.topics.RecordHeaders;
import org.movetimeline.timeline.TimelineNotification;
import org.movetimeline.timeline.TimelineNotification.InvalidNotificationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage of a poll batch, pure: reads the notification records, collapses repeat deliveries of a key
 * into one, and groups what is left by project. Records that are no notification at all are failures at once.
 */
final class BatchCollapser {

    private final ObjectMapper mapper;

    BatchCollapser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Notifications to fetch, by project in first-seen order, and the records that cannot be read. */
    record Collapsed(Map<Integer, List<Pending>> byProject, List<Failure> unreadable) {
        int size() {
            return byProject.values().stream().mapToInt(List::size).sum();
        }
    }

    Collapsed collapse(List<ConsumerRecord<String, byte[]>> batch) {
        Map<TimelineKey, Pending> unique = new LinkedHashMap<>();
        List<Failure> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            int attempts = (int) RecordHeaders.getLong(record.headers(), RecordHeaders.ATTEMPT, 0);
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            if (record.value() == null) {
                unreadable.add(new Failure(record.key(), null, attempts, "record without a value at " + where, false));
                continue;
            }
            TimelineNotification notification;
            try {
                notification = TimelineNotification.from(mapper.readTree(record.value()), record.value());
            } catch (IOException | InvalidNotificationException e) {
                unreadable.add(new Failure(record.key(), record.value(), attempts,
                        "unreadable notification at " + where + ": " + e.getMessage(), false));
                continue;
            }
            // A repeat delivery of a key is fetched once; the copy with the fewest attempts sets the budget.
            Pending pending = new Pending(notification, attempts);
            unique.merge(pending.key(), pending, (a, b) -> a.attempts() <= b.attempts() ? a : b);
        }
        Map<Integer, List<Pending>> byProject = new LinkedHashMap<>();
        unique.values().forEach(p -> byProject.computeIfAbsent(p.notification().projectId(), k -> new ArrayList<>()).add(p));
        return new Collapsed(byProject, unreadable);
    }
}
