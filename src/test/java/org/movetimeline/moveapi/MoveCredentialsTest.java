package org.movetimeline.moveapi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MoveCredentialsTest {

    @Test
    void eachProjectGetsTheBasicAuthOfItsOwnEntry() {
        MoveCredentials credentials = new MoveCredentials(List.of("1000:key-a", " 1001:key:with:colons ", ""));
        assertEquals(Optional.of(basic("1000:key-a")), credentials.authorization(1000));
        assertEquals(Optional.of(basic("1001:key:with:colons")), credentials.authorization(1001));
        assertEquals(Optional.empty(), credentials.authorization(1002));
    }

    @Test
    void aMalformedEntryIsNamedByItsPositionNeverByItsKey() {
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> new MoveCredentials(List.of("1000:a", "1001:")));
        assertEquals("MOVE_API_CREDENTIALS entry 2 is not projectId:apiKey", noKey.getMessage());
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> new MoveCredentials(List.of("project:secret-key")));
        assertEquals("MOVE_API_CREDENTIALS entry 1 has a projectId that is not an integer", notANumber.getMessage());
        assertFalse(notANumber.getMessage().contains("secret-key"));
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
