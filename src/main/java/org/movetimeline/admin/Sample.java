package org.movetimeline.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A DLQ record shown to a person: enough to recognise it, and partition and offset to read all of it
 * ({@code kcat -C -t <dlq> -p <partition> -o <offset> -c 1}).
 *
 * @param firstBytes the start of the value as UTF-8 (bytes that are not UTF-8 shown as U+FFFD)
 */
@RegisterForReflection // written by Jackson outside the REST layer
public record Sample(int partition, long offset, Instant time, String reason, String source, String key, int size,
                     String firstBytes) {

    static final int FIRST_BYTES = 200;

    static Sample of(DeadLetter letter) {
        byte[] value = letter.value() == null ? new byte[0] : letter.value();
        return new Sample(letter.partition(), letter.offset(), letter.time(), letter.reason(), letter.source(),
                letter.key(), value.length,
                new String(value, 0, Math.min(value.length, FIRST_BYTES), StandardCharsets.UTF_8));
    }
}
