package org.movetimeline.receiver;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.movetimeline.config.AppConfig;
import org.movetimeline.config.MoveConfig;

import java.util.List;
import java.util.Optional;

/** A receiver without a signing secret would refuse every call MOVE makes: refuse to start instead. */
@ApplicationScoped
public class ReceiverStartupCheck {

    void onStart(@Observes StartupEvent event, AppConfig app, MoveConfig config) {
        requireSecret(app.receiver().enabled(), config.webhook().secrets());
    }

    static void requireSecret(boolean receiverEnabled, Optional<List<String>> secrets) {
        boolean noSecret = secrets.orElse(List.of()).stream().allMatch(String::isBlank);
        if (receiverEnabled && noSecret) {
            throw new IllegalStateException("MOVE_WEBHOOK_SECRETS is not set: set it to the Timeline Notifier signing "
                    + "secret(s) from the MOVE Dashboard, comma-separated (or set APP_RECEIVER_ENABLED=false)");
        }
    }
}
