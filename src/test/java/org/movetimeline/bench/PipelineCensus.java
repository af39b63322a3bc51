package org.movetimeline.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the pipeline holds, seen from outside the service: the keys of the rows of {@code timeline_item}, and the
 * records on {@code move.timeline.items} and on the DLQ, read as they arrive. Only those three and their documented
 * contents: the table's primary key, the items' and dead-lettered notifications' JSON, the {@code move-reason}
 * header. How the service gets there (retry topics, internal state) is none of its business.
 */
final class PipelineCensus implements AutoCloseable {

    static final String ITEMS_TOPIC = "move.timeline.items";
    static final String DLQ_TOPIC = "move.timeline.notifications.dlq";
    private static final String REASON_HEADER = "move-reason";
    private static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(60);

    private final ChaosDatabase database;
    private final TopicTail items;
    private final TopicTail dlq;
    private final Map<ItemKey, Integer> itemsTopicCounts = new HashMap<>();
    private final Set<ItemKey> deadLettered = new HashSet<>();
    private final Map<String, Integer> dlqReasons = new HashMap<>();
    private long unreadableItems;
    private long unreadableDlq;

    PipelineCensus(String bootstrap, ChaosDatabase database) {
        this.database = database;
        this.items = new TopicTail(bootstrap, ITEMS_TOPIC);
        this.dlq = new TopicTail(bootstrap, DLQ_TOPIC);
    }

    /** Reads what arrived on both topics since the last call. */
    void refresh() {
        items.catchUp(this::countItem, CATCH_UP_WITHIN);
        dlq.catchUp(this::countDeadLetter, CATCH_UP_WITHIN);
    }

    private void countItem(ConsumerRecord<byte[], byte[]> record) {
        ItemKey.fromJson(record.value()).ifPresentOrElse(k -> itemsTopicCounts.merge(k, 1, Integer::sum),
                () -> unreadableItems++);
    }

    private void countDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        ItemKey.fromJson(record.value()).ifPresentOrElse(deadLettered::add, () -> unreadableDlq++);
        Header reason = record.headers().lastHeader(REASON_HEADER);
        String text = reason == null ? "(no " + REASON_HEADER + " header)" : new String(reason.value(), StandardCharsets.UTF_8);
        dlqReasons.merge(text.length() > 160 ? text.substring(0, 160) + "…" : text, 1, Integer::sum);
    }

    long rowCount() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM timeline_item")) {
            result.next();
            return result.getLong(1);
        }
    }

    Set<ItemKey> rowKeys() throws SQLException {
        Set<ItemKey> keys = new HashSet<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setFetchSize(10_000);
            connection.setAutoCommit(false); // so that the driver streams with the fetch size
            try (ResultSet rows = statement.executeQuery(
                    "SELECT project_id, user_id, extract(epoch FROM start_ts)::bigint FROM timeline_item")) {
                while (rows.next()) {
                    keys.add(new ItemKey(rows.getInt(1), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        return keys;
    }

    Verdict verdict(long itemsNotified, Collection<ItemKey> acknowledged, Verdict.EventCounts events,
                    double longestStallSeconds, long seed) throws SQLException {
        return Verdict.of(itemsNotified, acknowledged, rowKeys(), deadLettered, itemsTopicCounts, events,
                longestStallSeconds, seed);
    }

    Map<ItemKey, Integer> itemsTopicCounts() {
        return itemsTopicCounts;
    }

    Set<ItemKey> deadLetteredKeys() {
        return deadLettered;
    }

    long itemsTopicRecords() {
        return items.records();
    }

    long dlqRecords() {
        return dlq.records();
    }

    long unreadableItems() {
        return unreadableItems;
    }

    long unreadableDlq() {
        return unreadableDlq;
    }

    Map<String, Integer> dlqReasons() {
        return dlqReasons;
    }

    @Override
    public void close() {
        items.close();
        dlq.close();
    }
}
