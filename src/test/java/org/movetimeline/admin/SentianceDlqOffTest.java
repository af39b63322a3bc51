package org.movetimeline.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Management;

import static org.hamcrest.Matchers.equalTo;

/** Without Sentiance configured (the default profile) its DLQ routes are 404, MOVE's are there. */
@QuarkusTest
class SentianceDlqOffTest {

    @Test
    void theSentianceRoutesAre404() {
        Management.admin().get("/admin/sentiance/dlq").then().statusCode(404).body("error", equalTo("sentiance-off"));
        Management.admin().post("/admin/sentiance/dlq/replay").then().statusCode(404).body("error", equalTo("sentiance-off"));
        // Behind the token like every admin route: no caller learns what is configured without it.
        Management.given().get("/admin/sentiance/dlq").then().statusCode(401);
        Management.admin().get("/admin/dlq").then().statusCode(200);
    }
}
