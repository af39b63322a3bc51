package org.movetimeline.sentiance.firehose;

import io.restassured.specification.RequestSpecification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;

/** Firehose deliveries as Sentiance sends them, for the receiver's tests and the monitoring test. */
public final class Firehose {

    public static final String PATH = "/webhooks/sentiance/firehose/";

    private Firehose() {
    }

    public static String transport(String userId, String eventId) {
        return "{\"meta\":{\"message_type\":\"transport\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\","
                + "\"updated_attributes\":[\"start\",\"end\"]},\"data\":{\"user_id\":\"" + userId + "\",\"event_id\":\""
                + eventId + "\",\"mode\":\"car\",\"start\":\"2026-07-01T08:00:00.000+02:00\","
                + "\"end\":\"2026-07-01T08:40:00.000+02:00\",\"distance\":51918,"
                + "\"behavior_scores\":{\"overall\":0.79,\"smooth\":-1}}}";
    }

    public static String stationary(String userId) {
        return "{\"meta\":{\"message_type\":\"stationary\",\"message_timestamp\":\"2026-07-01T10:00:00.000+02:00\"},"
                + "\"data\":{\"user_id\":\"" + userId + "\",\"event_id\":\"s-" + userId + "\"}}";
    }

    public static String delivery(List<String> messages) {
        return "{\"data\":[" + String.join(",", messages) + "]}";
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(String content) {
        return gzip(content.getBytes(StandardCharsets.UTF_8));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request to the Firehose route with {@code authorization} (none when null). */
    public static RequestSpecification as(String authorization) {
        RequestSpecification request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }
}
