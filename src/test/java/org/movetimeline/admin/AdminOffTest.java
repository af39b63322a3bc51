package org.movetimeline.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.movetimeline.testsupport.Management;
import org.movetimeline.testsupport.ReceiverOnlyProfile;

import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** Without MOVE_ADMIN_TOKEN the admin endpoints are off, whatever a caller sends; the rest of the port is not. */
@QuarkusTest
@TestProfile(AdminOffTest.NoToken.class)
class AdminOffTest {

    public static class NoToken extends ReceiverOnlyProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("move.admin.token", "");
            return overrides;
        }
    }

    @Test
    void everyAdminCallIs404() {
        for (String authorization : new String[]{"Bearer " + Management.ADMIN_TOKEN, "Bearer ", "Basic eDp5"}) {
            Management.given().header("Authorization", authorization).get("/admin/dlq").then().statusCode(404)
                    .body("error", equalTo("admin-off"));
            Management.given().header("Authorization", authorization).post("/admin/dlq/replay").then().statusCode(404)
                    .body("error", equalTo("admin-off"));
        }
        Management.given().post("/admin/dlq/replay").then().statusCode(404);
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
