package org.movetimeline.sentiance.api;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SENTIANCE_API_KEYS: one Bearer header per app; a bad entry is named by its position, never by its key. */
class SentianceApiKeysTest {

    @Test
    void eachAppGetsTheBearerHeaderOfItsKey() {
        SentianceApiKeys keys = new SentianceApiKeys(List.of("app-a:key-a", " app-b : key:with:colons ", ""));
        assertEquals(Optional.of("Bearer key-a"), keys.authorization("app-a"));
        assertEquals(Optional.of("Bearer key:with:colons"), keys.authorization("app-b"));
        assertEquals(Optional.empty(), keys.authorization("app-c"));
        assertFalse(keys.isEmpty());
        assertTrue(new SentianceApiKeys(List.of()).isEmpty());
    }

    @Test
    void aMalformedEntryIsNamedByItsPositionWithoutItsKey() {
        for (String bad : List.of("secret-key-without-app", ":secret-key", "app-a:", "app-a:secret key")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SentianceApiKeys(List.of("app-ok:fine", bad)));
            assertEquals("SENTIANCE_API_KEYS entry 2 is not appId:apiKey", e.getMessage());
        }
    }

    @Test
    void anAppNamedTwiceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SentianceApiKeys(List.of("app-a:secret-1", "app-a:secret-2")));
        assertEquals("SENTIANCE_API_KEYS entry 2 repeats app app-a", e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }
}
