package org.movetimeline.admin;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest {

    static final String TOKEN = "0123456789abcdef-admin";

    @Test
    void noTokenOrABlankOneMeansOff() {
        assertFalse(AdminToken.of(Optional.empty()).enabled());
        assertFalse(AdminToken.of(Optional.of("   ")).enabled());
        assertTrue(AdminToken.of(Optional.of(TOKEN)).enabled());
    }

    @Test
    void aShortTokenIsRefusedWithoutQuotingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AdminToken.of(Optional.of("hunter2")));
        assertEquals("MOVE_ADMIN_TOKEN is 7 characters long: use at least 16 (e.g. `openssl rand -hex 32`), or unset it "
                + "to turn the admin endpoints off", refused.getMessage());
        assertTrue(AdminToken.of(Optional.of("x".repeat(AdminToken.MIN_LENGTH))).enabled());
    }

    @Test
    void onlyBearerWithTheTokenPasses() {
        AdminToken token = AdminToken.of(Optional.of(" " + TOKEN + "\n")); // as a Secret mounted from a file may have it
        assertEquals(AdminToken.Verdict.VALID, token.check("Bearer " + TOKEN));
        assertEquals(AdminToken.Verdict.VALID, token.check("BEARER  " + TOKEN + " "));
        assertEquals(AdminToken.Verdict.MISSING, token.check(null));
        assertEquals(AdminToken.Verdict.MISSING, token.check(""));
        assertEquals(AdminToken.Verdict.MISSING, token.check(TOKEN));
        assertEquals(AdminToken.Verdict.MISSING, token.check("Basic " + TOKEN));
        assertEquals(AdminToken.Verdict.WRONG, token.check("Bearer "));
        assertEquals(AdminToken.Verdict.WRONG, token.check("Bearer " + TOKEN.toUpperCase()));
        assertEquals(AdminToken.Verdict.WRONG, token.check("Bearer " + TOKEN + TOKEN));
        assertEquals(AdminToken.Verdict.WRONG, token.check("Bearer " + TOKEN.substring(0, 8)));
    }
}
