package org.movetimeline.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/** Proves a body came from MOVE: {@code X-Dolphin-Signature: sha256=<base64 HMAC-SHA256(body, secret)>}. */
@ApplicationScoped
public class SignatureVerifier {

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_BYTES = 32;

    private final List<SecretKeySpec> keys;

    @Inject
    public SignatureVerifier(MoveConfig config) {
        this(config.webhook().secrets().orElse(List.of()));
    }

    SignatureVerifier(List<String> secrets) {
        this.keys = secrets.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    /** Checks the raw bytes against every configured secret, so old and new both pass during a rotation. */
    public Verdict verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        if (!header.startsWith(PREFIX)) {
            return Verdict.MALFORMED;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (claimed.length != DIGEST_BYTES) {
            return Verdict.MALFORMED;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // No early exit: the time taken does not tell which secret matched.
            matched |= MessageDigest.isEqual(hmac(key, body), claimed);
        }
        return matched ? Verdict.VALID : Verdict.MISMATCH;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public enum Verdict {
        VALID(null),
        MISSING("signature-missing"),
        MALFORMED("signature-malformed"),
        MISMATCH("signature-mismatch");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Metric tag and error code of a rejection. */
        public String reason() {
            return reason;
        }
    }
}
