package org.movetimeline.timeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one signing code every signer and the verifier share, pinned to a value computed outside Java. */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    // printf '{"items":[]}' | openssl dgst -sha256 -hmac known-secret -binary | base64
    private static final String KNOWN = "sha256=ML0aDNwV589fgSASy5uj+plkHxI37JsSFmhohPBfh9A=";

    @Test
    void signsAsOpensslDoes() {
        assertEquals(KNOWN, WebhookSignature.sign(BODY, "known-secret"));
    }

    @Test
    void theDigestOfAHeaderMatchesOnlyItsBodyAndSecret() {
        byte[] claimed = WebhookSignature.claimedDigest(KNOWN).orElseThrow();
        assertArrayEquals(Base64.getDecoder().decode(KNOWN.substring("sha256=".length())), claimed);
        assertTrue(WebhookSignature.matches(WebhookSignature.key("known-secret"), BODY, claimed));
        assertFalse(WebhookSignature.matches(WebhookSignature.key("other-secret"), BODY, claimed));
        assertFalse(WebhookSignature.matches(WebhookSignature.key("known-secret"), "{}".getBytes(StandardCharsets.UTF_8), claimed));
    }

    @Test
    void aHeaderThatIsNotSha256OfThirtyTwoBytesClaimsNothing() {
        assertTrue(WebhookSignature.claimedDigest(KNOWN.substring("sha256=".length())).isEmpty());
        assertTrue(WebhookSignature.claimedDigest("sha256=not base64!").isEmpty());
        assertTrue(WebhookSignature.claimedDigest("sha256=" + Base64.getEncoder().encodeToString(new byte[16])).isEmpty());
    }
}
