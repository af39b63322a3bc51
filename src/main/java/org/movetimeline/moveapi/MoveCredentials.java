package org.movetimeline.moveapi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.MoveConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Basic auth header of each project in MOVE_API_CREDENTIALS ({@code projectId:apiKey,...}). */
@ApplicationScoped
public class MoveCredentials {

    private final Map<Integer, String> authorizationByProject;

    @Inject
    public MoveCredentials(MoveConfig config) {
        this(config.api().credentials().orElse(List.of()));
    }

    MoveCredentials(List<String> pairs) {
        Map<Integer, String> byProject = new HashMap<>();
        for (String pair : pairs) {
            String trimmed = pair.strip();
            int colon = trimmed.indexOf(':');
            if (trimmed.isEmpty()) {
                continue;
            }
            // The key itself is never echoed: only its position tells the operator which entry is wrong.
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("MOVE_API_CREDENTIALS entry " + (pairs.indexOf(pair) + 1)
                        + " is not projectId:apiKey");
            }
            int projectId;
            try {
                projectId = Integer.parseInt(trimmed.substring(0, colon));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("MOVE_API_CREDENTIALS entry " + (pairs.indexOf(pair) + 1)
                        + " has a projectId that is not an integer");
            }
            byProject.put(projectId, "Basic " + Base64.getEncoder().encodeToString(trimmed.getBytes(StandardCharsets.UTF_8)));
        }
        this.authorizationByProject = Map.copyOf(byProject);
    }

    public Optional<String> authorization(int projectId) {
        return Optional.ofNullable(authorizationByProject.get(projectId));
    }
}
