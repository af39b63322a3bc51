package org.movetimeline.ingest.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.movetimeline.ingest.config.AppConfig;
import org.movetimeline.ingest.config.MoveConfig;

import java.util.List;

/** A receiver without a signing secret would refuse every call MOVE makes: refuse to start instead. */
@ApplicationScoped
public class ReceiverStartupCheck {

    void onStart(@Observes StartupEvent event, AppConfig app, MoveConfig config) {
        boolean noSecret = config.webhook().secrets().orElse(List.of()).stream().allMatch(String::isBlank);
        if (app.receiver().enabled() && noSecret) {
            throw new IllegalStateException("MOVE_WEBHOOK_SECRETS is not set: set it to the Timeline Notifier signing "
                    + "secret(s) from the MOVE Dashboard, comma-separated (or set APP_RECEIVER_ENABLED=false)");
        }
    }
}
