package org.movetimeline.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.movetimeline.config.MoveConfig;

import java.time.Duration;

/**
 * How the consumer's max.poll.interval.ms is shared out within one poll batch: half to MOVE's answers, a
 * quarter to Kafka's acknowledgements, the rest to the database. Settings under which a single call to MOVE
 * could outlast the fetch share are refused at start-up, since no batch with such a call could ever finish.
 */
@ApplicationScoped
public class BatchTimeBudget {

    private final Duration pollInterval;
    private final Duration worstCall;
    private final String worstCallParts;

    @Inject
    public BatchTimeBudget(MoveConfig config,
                           @ConfigProperty(name = "quarkus.rest-client.move-api.connect-timeout") long connectTimeoutMillis,
                           @ConfigProperty(name = "quarkus.rest-client.move-api.read-timeout") long readTimeoutMillis) {
        this.pollInterval = config.ingest().maxPollInterval();
        // The last retry may start at max-duration, wait for a slot, then take both timeouts.
        MoveConfig.Api api = config.api();
        this.worstCall = api.retry().maxDuration().plus(api.limit().maxWait())
                .plusMillis(connectTimeoutMillis).plusMillis(readTimeoutMillis);
        this.worstCallParts = "move.api.retry.max-duration " + api.retry().maxDuration().toMillis() + " ms"
                + " + move.api.limit.max-wait " + api.limit().maxWait().toMillis() + " ms"
                + " + connect-timeout " + connectTimeoutMillis + " ms + read-timeout " + readTimeoutMillis + " ms";
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** What MOVE may take for one poll batch; what it has not answered by then is retried later. */
    public Duration fetch() {
        return pollInterval.dividedBy(2);
    }

    public Duration publish() {
        return pollInterval.dividedBy(4);
    }

    /** @throws IllegalStateException naming the settings, when one call to MOVE may take longer than {@link #fetch()} */
    public void requireOneCallFits() {
        if (worstCall.compareTo(fetch()) > 0) {
            throw new IllegalStateException("move.ingest.max-poll-interval=" + pollInterval.toMillis() + " ms leaves MOVE "
                    + fetch().toMillis() + " ms per poll batch, less than one call may take (" + worstCall.toMillis()
                    + " ms: " + worstCallParts + "); raise MOVE_INGEST_MAX_POLL_INTERVAL or lower those");
        }
    }
}
