package org.movetimeline.receiver;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SignatureVerifierTest {

    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
    private final SignatureVerifier verifier = new SignatureVerifier(List.of(" old-secret ", "", "new-secret"));

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void eitherSecretOfARotationIsValidAndSurroundingSpacesOfTheSecretDoNotCount() throws Exception {
        assertEquals(SignatureVerifier.Verdict.VALID, verifier.verify(BODY, sign(BODY, "old-secret")));
        assertEquals(SignatureVerifier.Verdict.VALID, verifier.verify(BODY, sign(BODY, "new-secret")));
    }

    @Test
    void anotherSecretOrAnotherBodyIsAMismatch() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISMATCH, verifier.verify(BODY, sign(BODY, "someone-else")));
        byte[] altered = "{\"items\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertEquals(SignatureVerifier.Verdict.MISMATCH, verifier.verify(altered, sign(BODY, "new-secret")));
    }

    @Test
    void aMissingOrMalformedHeaderIsToldApartFromAMismatch() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISSING, verifier.verify(BODY, null));
        assertEquals(SignatureVerifier.Verdict.MISSING, verifier.verify(BODY, "  "));
        String valid = sign(BODY, "new-secret");
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, valid.substring("sha256=".length())));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha1=" + valid.substring(7)));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha256=not base64!"));
        assertEquals(SignatureVerifier.Verdict.MALFORMED, verifier.verify(BODY, "sha256=" + Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals("signature-malformed", SignatureVerifier.Verdict.MALFORMED.reason());
    }

    @Test
    void withNoSecretConfiguredNothingIsValid() throws Exception {
        assertEquals(SignatureVerifier.Verdict.MISMATCH, new SignatureVerifier(List.of(" ")).verify(BODY, sign(BODY, "any-secret")));
    }
}
