package io.storesight.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The accounts every module's tests run with, as test-support's {@code META-INF/microprofile-config.properties}
 * configures them for the service under test. One place, so that a test logs in with what the service was given.
 */
public final class TestLogins {
    public static final String ADMIN_USER = "test-admin";
    public static final String ADMIN_PASSWORD = "test-only-password";
    public static final String STAFF_USER = "test-staff";
    public static final String STAFF_PASSWORD = "test-only-staff-password";
    public static final String INTEGRATOR_USER = "test-integrator";
    public static final String INTEGRATOR_PASSWORD = "test-only-integrator-password";

    /** The {@code Authorization} header value of an HTTP Basic login. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private TestLogins() {}
}
