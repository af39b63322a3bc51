package org.movetimeline.sentiance.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.movetimeline.config.SentianceConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Bearer header of each app in SENTIANCE_API_KEYS ({@code appId:apiKey,...}). */
@ApplicationScoped
public class SentianceApiKeys {

    private final Map<String, String> authorizationByApp;

    @Inject
    public SentianceApiKeys(SentianceConfig config) {
        this(config.api().keys().orElse(List.of()));
    }

    /** @throws IllegalArgumentException naming the entry by its position (never the key) when one is not appId:apiKey */
    public SentianceApiKeys(List<String> pairs) {
        Map<String, String> byApp = new HashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            String trimmed = pairs.get(i).strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String appId = colon < 0 ? "" : trimmed.substring(0, colon).strip();
            String key = colon < 0 ? "" : trimmed.substring(colon + 1).strip();
            if (appId.isEmpty() || key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("SENTIANCE_API_KEYS entry " + (i + 1) + " is not appId:apiKey");
            }
            if (byApp.put(appId, "Bearer " + key) != null) {
                throw new IllegalArgumentException("SENTIANCE_API_KEYS entry " + (i + 1) + " repeats app " + appId);
            }
        }
        this.authorizationByApp = Map.copyOf(byApp);
    }

    public Optional<String> authorization(String appId) {
        return Optional.ofNullable(authorizationByApp.get(appId));
    }

    public boolean isEmpty() {
        return authorizationByApp.isEmpty();
    }
}
