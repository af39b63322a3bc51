package org.movetimeline.testsupport;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

/**
 * Requests to the management interface (health, metrics, OpenAPI, /admin), whose port the test run picks freely
 * ({@code %test.quarkus.management.test-port=0}); RestAssured's own port is the webhook port.
 */
public final class Management {

    /** %test.move.admin.token in application.properties. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private Management() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** An admin call with the right token. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public static int port() {
        return URI.create(TestHTTPResourceManager.getManagementUri()).getPort();
    }
}
