package io.storesight.analytics;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.testsupport.MalformedBodies;

/**
 * The reports are read-only: this service's one POST endpoint is the login form (the dashboard's, and that of
 * every service with pages). Malformed forms go back to the login page or get a 4xx, never a 5xx, and the service
 * stays ready.
 */
@QuarkusTest
class LoginFormMalformedBodiesTest {
    @TestHTTPResource("/")
    URL root;

    @Test
    void malformedLoginFormsAreRefused() throws Exception {
        MalformedBodies.sendToLoginForm(
                new URL(root, "/j_security_check").toURI(),
                MalformedBodies.loginForm(16_06, 200),
                new URL(root, "/q/health/ready").toURI());
    }
}
