package org.movetimeline.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalInt;

/** MOVE's Basic authentication: user = projectId, password = that project's API key. */
final class ApiAuthenticator {

    private final Map<Integer, String> apiKeys;

    ApiAuthenticator(Map<Integer, String> apiKeys) {
        this.apiKeys = Map.copyOf(apiKeys);
    }

    /** The authenticated project, or empty for a missing, malformed or wrong {@code Authorization} header. */
    OptionalInt authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return OptionalInt.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return OptionalInt.empty();
        }
        int projectId;
        try {
            projectId = Integer.parseInt(decoded.substring(0, colon));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
        String expected = apiKeys.get(projectId);
        // Constant-time comparison: the simulator also serves as a reference for how the key is checked.
        boolean ok = expected != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return ok ? OptionalInt.of(projectId) : OptionalInt.empty();
    }
}
