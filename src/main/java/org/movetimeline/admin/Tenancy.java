package org.movetimeline.admin;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Whose a dead letter is, in its source's words: a MOVE project, a Sentiance app. Names the filter parameter and the
 * summary's counts, reads the tenant of a record and parses the one a filter asks for.
 */
enum Tenancy {

    /** MOVE's projectId, an integer, from the key {@code projectId:userId}. */
    PROJECT("project", "byProject") {
        @Override
        Object of(ConsumerRecord<String, byte[]> record) {
            return DeadLetter.projectOf(record.key());
        }

        @Override
        Object parse(String value) {
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("project is a MOVE projectId (an integer), not '" + value + "'");
            }
        }
    },

    /** Sentiance's appId, from the header the receiver writes, else from the key {@code appId:userId}. */
    APP("app", "byApp") {
        @Override
        Object of(ConsumerRecord<String, byte[]> record) {
            return DeadLetter.appOf(record.key(), record.headers());
        }

        @Override
        Object parse(String value) {
            return value.strip();
        }
    };

    /** The query parameter that filters by tenant, and the filter's field in an answer. */
    final String parameter;
    /** The summary's field that counts dead letters per tenant. */
    final String counts;

    Tenancy(String parameter, String counts) {
        this.parameter = parameter;
        this.counts = counts;
    }

    /** @return the record's tenant, or null when it names none */
    abstract Object of(ConsumerRecord<String, byte[]> record);

    /** @throws IllegalArgumentException saying why the value names no tenant */
    abstract Object parse(String value);
}
