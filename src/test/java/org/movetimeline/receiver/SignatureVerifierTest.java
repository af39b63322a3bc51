package org.movetimeline.receiver;

import org.junit.jupiter.api.Test;
import org.movetimeline.timeline.WebhookSignature;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignatureVerifierTest {

    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    private final SignatureVerifier verifier = new SignatureVerifier(List.of(" old-secret ", "", "new-secret"));

    @Test
    void eitherSecretOfARotationIsValidAndSurroundingSpacesOfTheSecretDoNotCount() throws Exception {
        assertEquals(SignatureVerifier.Verdict.VALID, verifier.verify(BODY, WebhookSignature.sign(BODY, "old-secret")));
        assertEquals(SignatureVerifier.Verdict.VALID, verifier.verify(BODY, WebhookSignature.sign(BODY, "new-secret")));
    }

    @Test
    void anotherSecretOrAnotherBodyIsAMismatch() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISMATCH, verifier.verify(BODY, WebhookSignature.sign(BODY, "someone-else")));
        byte[] altered = "{\"items\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(SignatureVerifier.Verdict.MISMATCH, verifier.verify(altered, WebhookSignature.sign(BODY, "new-secret")));
    }

    @Test
    void aMissingOrMalformedHeaderIsToldApartFromAMismatch() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISSING, verifier.verify(BODY, null));
        assertEquals(SignatureVerifier.Verdict.MISSING, verifier.verify(BODY, "  "));
        String valid = WebhookSignature.sign(BODY, "new-secret");
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, valid.substring("sha256=".length())));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha1=" + valid.substring(7)));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha256=not base64!"));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha256=" + Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals("signature-malformed", SignatureVerifier.Verdict.MALFORMED.reason());
    }

    @Test
    void withNoSecretConfiguredNothingIsValid() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISMATCH, new SignatureVerifier(List.of(" ")).verify(BODY, WebhookSignature.sign(BODY, "any-secret")));
    }
}
