package org.movetimeline.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.movetimeline.testsupport.FakeMoveApi;
import org.movetimeline.testsupport.KafkaBroker;
import org.movetimeline.testsupport.Webhook;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the packaged jar needs beyond the addresses InfrastructureResource gives it: it runs in the prod profile, as
 * users run it, so none of the %test settings apply and the tests' secrets, credentials and ports are passed here.
 */
public class PackagedAppResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int managementPort;

    @Override
    public Map<String, String> start() {
        // quarkus.management.test-port applies to the test launch mode only, not to the jar.
        managementPort = KafkaBroker.freePort();
        return Map.of(
                "move.webhook.secrets", Webhook.SECRET_OLD + "," + Webhook.SECRET_NEW,
                "move.api.credentials", FakeMoveApi.API_KEYS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")),
                "quarkus.management.port", Integer.toString(managementPort));
    }

    @Override
    public void stop() {
        // nothing of its own to stop: the jar is stopped by Quarkus, broker and database by InfrastructureResource
    }

    /** The management port of the running jar (health, metrics); the webhook port is RestAssured's. */
    public static int managementPort() {
        return managementPort;
    }
}
