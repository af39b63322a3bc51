package org.movetimeline.timeline;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * How MOVE signs a webhook: {@code X-Dolphin-Signature: sha256=<base64 of HMAC-SHA256(raw body, secret)>}. The
 * receiver checks it; the simulator and the tests write it. One copy, so the writers cannot drift from the checker.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Dolphin-Signature";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_BYTES = 32;

    private WebhookSignature() {
    }

    public static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for exactly these body bytes. */
    public static String sign(byte[] body, String secret) {
        return PREFIX + Base64.getEncoder().encodeToString(hmac(key(secret), body));
    }

    /** The digest a header value claims, or empty when it is not {@code sha256=<base64 of 32 bytes>}. */
    public static Optional<byte[]> claimedDigest(String header) {
        if (!header.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] claimed = Base64.getDecoder().decode(header.substring(PREFIX.length()).strip());
            return claimed.length == DIGEST_BYTES ? Optional.of(claimed) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** Compared in constant time, so the time taken does not tell how much of a forged digest was right. */
    public static boolean matches(SecretKeySpec key, byte[] body, byte[] claimed) {
        return MessageDigest.isEqual(hmac(key, body), claimed);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
