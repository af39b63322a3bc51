package org.movetimeline.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The bearer token of the admin endpoints (MOVE_ADMIN_TOKEN). Without one the endpoints are off; a short one is
 * refused at start-up, since a guessable token on an endpoint that re-publishes data is worse than none.
 */
final class AdminToken {

    static final int MIN_LENGTH = 16;
    private static final String SCHEME = "bearer ";

    /** SHA-256 of the token, or null when the admin endpoints are off. */
    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** @throws IllegalStateException when a token is set but shorter than {@link #MIN_LENGTH} */
    static AdminToken of(Optional<String> configured) {
        String token = configured.map(String::strip).orElse("");
        if (token.isEmpty()) {
            return new AdminToken(null);
        }
        if (token.length() < MIN_LENGTH) {
            throw new IllegalStateException("MOVE_ADMIN_TOKEN is " + token.length() + " characters long: use at least "
                    + MIN_LENGTH + " (e.g. `openssl rand -hex 32`), or unset it to turn the admin endpoints off");
        }
        return new AdminToken(sha256(token));
    }

    boolean enabled() {
        return digest != null;
    }

    enum Verdict {
        VALID, MISSING, WRONG
    }

    /** Checks an {@code Authorization} header value; only "Bearer &lt;token&gt;" passes. */
    Verdict check(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return Verdict.MISSING;
        }
        // Both sides hashed first: the comparison takes the same time whatever the length or content of the guess.
        byte[] offered = sha256(authorization.substring(SCHEME.length()).strip());
        return MessageDigest.isEqual(digest, offered) ? Verdict.VALID : Verdict.WRONG;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
