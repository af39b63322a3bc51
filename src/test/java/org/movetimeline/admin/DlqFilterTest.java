package org.movetimeline.admin;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DlqFilterTest {

    static DeadLetter letter(String key, String reason, String source) {
        return new DeadLetter(0, 0, Instant.EPOCH, key, reason, source, DeadLetter.projectOf(key), new byte[0]);
    }

    @Test
    void noParametersMeanEverything() {
        DlqFilter all = DlqFilter.parse(Map.of());
        assertEquals(DlqFilter.ALL, all);
        assertEquals("all", all.toString());
        assertTrue(all.matches(letter(null, null, null)));
    }

    @Test
    void theFiltersCombine() {
        DlqFilter filter = DlqFilter.parse(Map.of("reason", List.of("CREDENTIALS"), "project", List.of("1000"),
                "source", List.of("ingest")));
        assertEquals("reason~'CREDENTIALS' project=1000 source=ingest", filter.toString());
        assertTrue(filter.matches(letter("1000:u", "no MOVE API credentials for project 1000", "ingest")));
        assertFalse(filter.matches(letter("1001:u", "no MOVE API credentials for project 1001", "ingest")));
        assertFalse(filter.matches(letter("1000:u", "no MOVE API credentials for project 1000", "receiver")));
        assertFalse(filter.matches(letter("1000:u", "not returned by the MOVE batch API", "ingest")));
        assertFalse(filter.matches(letter("1000:u", null, "ingest")));
    }

    @Test
    void theProjectComesFromTheKey() {
        assertEquals(1000, DeadLetter.projectOf("1000:user:with:colons"));
        assertEquals(null, DeadLetter.projectOf(null));
        assertEquals(null, DeadLetter.projectOf(":user"));
        assertEquals(null, DeadLetter.projectOf("abc:user"));
        assertEquals(null, DeadLetter.projectOf("1000"));
        assertFalse(DlqFilter.parse(Map.of("project", List.of("1000"))).matches(letter(null, "body is not JSON", "receiver")));
    }

    @Test
    void whatCouldReplayMoreThanMeantIsRefused() {
        for (Map<String, List<String>> wrong : List.of(
                Map.of("projekt", List.of("1000")),
                Map.of("project", List.of("one thousand")),
                Map.of("project", List.of("1000", "1001")),
                Map.of("reason", List.of(" ")),
                Map.of("source", List.of("elsewhere")))) {
            assertThrows(IllegalArgumentException.class, () -> DlqFilter.parse(wrong), wrong.toString());
        }
    }
}
