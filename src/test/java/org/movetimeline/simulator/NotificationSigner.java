package org.movetimeline.simulator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/** {@code X-Dolphin-Signature: sha256=<base64 of HMAC-SHA256(raw body, secret)>}, as MOVE signs its webhooks. */
public final class NotificationSigner {

    public static final String HEADER = "X-Dolphin-Signature";

    private final SecretKeySpec key;

    public NotificationSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value for exactly these body bytes. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); // Mac is not thread-safe: one per call
            mac.init(key);
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
