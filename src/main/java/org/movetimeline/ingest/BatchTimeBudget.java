package org.movetimeline.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.movetimeline.config.MoveConfig;
import org.movetimeline.config.UpstreamCalls;

import java.time.Duration;
import java.util.Locale;

/**
 * How a consumer's max.poll.interval.ms is shared out within one poll batch: half to the API's answers, a
 * quarter to Kafka's acknowledgements, the rest to the database. Settings under which a single call to the API
 * could outlast the fetch share are refused at start-up, since no batch with such a call could ever finish.
 * The bean is MOVE's; the Sentiance consumer makes its own.
 */
@ApplicationScoped
public class BatchTimeBudget {

    private final String source;
    private final String api;
    private final Duration pollInterval;
    private final Duration worstCall;
    private final String worstCallParts;

    @Inject
    public BatchTimeBudget(MoveConfig config,
                           @ConfigProperty(name = "quarkus.rest-client.move-api.connect-timeout") long connectTimeoutMillis,
                           @ConfigProperty(name = "quarkus.rest-client.move-api.read-timeout") long readTimeoutMillis) {
        this("move", "MOVE", config.ingest().maxPollInterval(), config.api(), connectTimeoutMillis, readTimeoutMillis);
    }

    /** @param source the prefix of the source's settings ("move", "sentiance") and {@code api} its name, for messages */
    public BatchTimeBudget(String source, String api, Duration pollInterval, UpstreamCalls calls,
                           long connectTimeoutMillis, long readTimeoutMillis) {
        this.source = source;
        this.api = api;
        this.pollInterval = pollInterval;
        // The last retry may start at max-duration, wait for a slot, then take both timeouts.
        this.worstCall = calls.retry().maxDuration().plus(calls.limit().maxWait())
                .plusMillis(connectTimeoutMillis).plusMillis(readTimeoutMillis);
        this.worstCallParts = source + ".api.retry.max-duration " + calls.retry().maxDuration().toMillis() + " ms"
                + " + " + source + ".api.limit.max-wait " + calls.limit().maxWait().toMillis() + " ms"
                + " + connect-timeout " + connectTimeoutMillis + " ms + read-timeout " + readTimeoutMillis + " ms";
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    /** What the API may take for one poll batch; what it has not answered by then is retried later. */
    public Duration fetch() {
        return pollInterval.dividedBy(2);
    }

    public Duration publish() {
        return pollInterval.dividedBy(4);
    }

    /** @throws IllegalStateException naming the settings, when one call to the API may take longer than {@link #fetch()} */
    public void requireOneCallFits() {
        if (worstCall.compareTo(fetch()) > 0) {
            throw new IllegalStateException(source + ".ingest.max-poll-interval=" + pollInterval.toMillis() + " ms leaves " + api + " "
                    + fetch().toMillis() + " ms per poll batch, less than one call may take (" + worstCall.toMillis()
                    + " ms: " + worstCallParts + "); raise " + source.toUpperCase(Locale.ROOT) + "_INGEST_MAX_POLL_INTERVAL or lower those");
        }
    }
}
