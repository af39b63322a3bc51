package org.movetimeline.sentiance.firehose;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.movetimeline.sentiance.firehose.Firehose.PATH;
import static org.movetimeline.sentiance.firehose.Firehose.as;
import static org.movetimeline.sentiance.firehose.Firehose.basic;

/** The default profile has no SENTIANCE_WEBHOOK_CREDENTIALS: a MOVE-only deployment has no Firehose route. */
@QuarkusTest
class FirehoseOffTest {

    @Test
    void withoutCredentialsTheRoutesAre404() {
        for (String authorization : new String[]{null, basic("sentiance", "secret-a-new")}) {
            as(authorization).get(PATH + "app-a").then().statusCode(404);
            as(authorization).body("{\"data\":[]}").post(PATH + "app-a").then().statusCode(404);
        }
    }
}
