package org.movetimeline.sentiance.firehose;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.SentianceConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Basic auth credentials each app's Firehose webhook sends (SENTIANCE_WEBHOOK_CREDENTIALS,
 * {@code appId:user:password,...}; several per app while one is rotated). Parsed at start-up, so a malformed entry
 * stops the service instead of turning every delivery away.
 */
@Startup
@ApplicationScoped
public class FirehoseCredentials {

    static final String SETTING = "SENTIANCE_WEBHOOK_CREDENTIALS";
    private static final String SCHEME = "basic ";
    /** Compared against when the app is unknown, so that an unknown app takes as long as a wrong password. */
    private static final byte[] NO_APP = sha256("\0");

    /** SHA-256 of each accepted {@code user:password}, by app. */
    private final Map<String, List<byte[]>> digestsByApp;

    @Inject
    public FirehoseCredentials(SentianceConfig config) {
        this(config.webhook().credentials().orElse(List.of()));
    }

    FirehoseCredentials(List<String> entries) {
        Map<String, List<byte[]>> byApp = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            // The password may hold colons, the app and the user cannot (Basic auth splits at the first one).
            int first = entry.indexOf(':');
            int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
            // The password itself is never echoed: only its position tells the operator which entry is wrong.
            if (first <= 0 || second <= first + 1 || second == entry.length() - 1) {
                throw new IllegalArgumentException(SETTING + " entry " + (i + 1)
                        + " is not appId:user:password (none of the three may be empty)");
            }
            byApp.computeIfAbsent(entry.substring(0, first), app -> new ArrayList<>())
                    .add(sha256(entry.substring(first + 1)));
        }
        byApp.replaceAll((app, digests) -> List.copyOf(digests));
        this.digestsByApp = Map.copyOf(byApp);
    }

    /** Without credentials the Firehose routes do not exist. */
    public boolean enabled() {
        return !digestsByApp.isEmpty();
    }

    public boolean knows(String appId) {
        return appId != null && digestsByApp.containsKey(appId);
    }

    public enum Verdict {
        VALID("valid"), MISSING("missing-credentials"), WRONG("wrong-credentials");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Checks an {@code Authorization} header against the credentials of {@code appId}; an unknown app is WRONG. */
    public Verdict check(String appId, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Verdict.MISSING;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).strip());
        } catch (IllegalArgumentException e) {
            return Verdict.WRONG;
        }
        // Hashed first and compared with every credential of the app, no early exit: the time taken tells nothing
        // of the length or content of the guess, nor which of the rotated passwords was nearly right.
        byte[] offered = sha256(decoded);
        List<byte[]> accepted = knows(appId) ? digestsByApp.get(appId) : List.of(NO_APP);
        boolean valid = false;
        for (byte[] digest : accepted) {
            valid |= MessageDigest.isEqual(digest, offered);
        }
        return valid && knows(appId) ? Verdict.VALID : Verdict.WRONG;
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
