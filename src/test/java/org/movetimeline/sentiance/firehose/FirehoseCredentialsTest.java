package org.movetimeline.sentiance.firehose;

import org.junit.jupiter.api.Test;
import org.movetimeline.sentiance.firehose.FirehoseCredentials.Verdict;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.movetimeline.sentiance.firehose.Firehose.basic;

class FirehoseCredentialsTest {

    private final FirehoseCredentials credentials = new FirehoseCredentials(
            List.of("app-a:user:old-pw", " app-a:user:new:pw:with:colons ", "", "app-b:other:pw-b"));

    @Test
    void everyCredentialOfAnAppPassesForThatAppOnly() {
        assertEquals(Verdict.VALID, credentials.check("app-a", basic("user", "old-pw")));
        assertEquals(Verdict.VALID, credentials.check("app-a", basic("user", "new:pw:with:colons")));
        assertEquals(Verdict.VALID, credentials.check("app-b", "basic " + basic("other", "pw-b").substring(6)));
        assertEquals(Verdict.WRONG, credentials.check("app-a", basic("other", "pw-b")));
        assertEquals(Verdict.WRONG, credentials.check("app-b", basic("user", "old-pw")));
        assertEquals(Verdict.WRONG, credentials.check("app-a", basic("user", "old-p")));
        assertEquals(Verdict.WRONG, credentials.check("app-a", basic("User", "old-pw")));
        assertEquals(Verdict.WRONG, credentials.check("app-c", basic("user", "old-pw")));
        assertEquals(Verdict.WRONG, credentials.check(null, basic("user", "old-pw")));
    }

    @Test
    void anythingButBasicAuthIsMissingOrWrong() {
        assertEquals(Verdict.MISSING, credentials.check("app-a", null));
        assertEquals(Verdict.MISSING, credentials.check("app-a", "Bearer dXNlcjpvbGQtcHc="));
        assertEquals(Verdict.WRONG, credentials.check("app-a", "Basic not*base64"));
        assertEquals(Verdict.WRONG, credentials.check("app-a", "Basic "));
    }

    @Test
    void onOnlyWithCredentials() {
        assertTrue(credentials.enabled());
        assertTrue(credentials.knows("app-b"));
        assertFalse(credentials.knows("app-c"));
        assertFalse(new FirehoseCredentials(List.of()).enabled());
        assertFalse(new FirehoseCredentials(List.of(" ")).enabled());
    }

    @Test
    void aMalformedEntryIsNamedByItsPositionNeverByItsPassword() {
        for (String entry : List.of("app-a", "app-a:user", "app-a:user:", ":user:secret-pw", "app-a::secret-pw")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FirehoseCredentials(List.of("app-b:u:p", entry)), entry);
            assertEquals("SENTIANCE_WEBHOOK_CREDENTIALS entry 2 is not appId:user:password (none of the three may be empty)",
                    e.getMessage());
            assertFalse(e.getMessage().contains("secret-pw"));
        }
    }
}
