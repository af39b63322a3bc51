package org.movetimeline.sentiance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The stored transport as published on {@code sentiance.transports}: the typed columns in one vocabulary and the
 * event as Sentiance wrote it. Built from the {@link FetchedTransport} that was written, so publishing costs no
 * query.
 */
public final class TransportDocument {

    private TransportDocument() {
    }

    /**
     * {@code {"app_id","user_id","event_id","start","end","mode","distance_m","start_location":{"latitude",
     * "longitude"},"end_location":{...},"scores":{"overall",...},"event":{...}}}; absent values are null.
     */
    public static byte[] toJson(JsonFactory json, FetchedTransport transport) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + transport.event().length);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("app_id", transport.key().appId());
            g.writeStringField("user_id", transport.key().userId());
            g.writeStringField("event_id", transport.key().eventId());
            g.writeStringField("start", text(transport.start()));
            g.writeStringField("end", text(transport.end()));
            g.writeStringField("mode", transport.mode());
            writeNumber(g, "distance_m", transport.distanceMeters());
            writeLocation(g, "start_location", transport.startLat(), transport.startLon());
            writeLocation(g, "end_location", transport.endLat(), transport.endLon());
            g.writeObjectFieldStart("scores");
            List<Double> values = transport.scores().values();
            for (int i = 0; i < values.size(); i++) {
                writeNumber(g, DrivingScores.NAMES.get(i), values.get(i));
            }
            g.writeEndObject();
            g.writeFieldName("event");
            g.writeRawValue(new String(transport.event(), StandardCharsets.UTF_8));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void writeNumber(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    private static void writeLocation(JsonGenerator g, String name, Double lat, Double lon) throws IOException {
        if (lat == null || lon == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("latitude", lat);
        g.writeNumberField("longitude", lon);
        g.writeEndObject();
    }
}
