package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.storesight.testsupport.Slow;

/**
 * Item 3, with service-common's LoginFailures as every service runs it: a failed login is logged at WARN with the
 * client's address and counted by mechanism; after 5 failures within the window, that address's logins wait (429
 * with Retry-After for Basic, the login page's "wait" message for the form), even with the right password.
 */
@QuarkusTest
@Slow
@TestProfile(LoginThrottleTest.ShortWindow.class)
class LoginThrottleTest {
    private static final Logger LOG = Logger.getLogger("io.storesight.common.security.LoginFailures");

    /** The production limit (5) within a window short enough to wait out in a test. */
    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storesight.security.login-max-failures", "5", "storesight.security.login-window", "4s");
        }
    }

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureWarnings() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        LOG.removeHandler(capture);
    }

    @Test
    void fiveFailuresAMinuteMakeTheAddressWaitAndEachIsLoggedAndCounted() throws Exception {
        for (int i = 0; i < 4; i++) {
            given().auth()
                    .preemptive()
                    .basic(Fixtures.ADMIN_USER, "guess-" + i)
                    .get("/api/v1/orders")
                    .then()
                    .statusCode(401);
        }
        given().redirects()
                .follow(false)
                .formParam("j_username", Fixtures.ADMIN_USER)
                .formParam("j_password", "guess-form")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("error=1"));

        String retryAfter = given().auth()
                .preemptive()
                .basic(Fixtures.ADMIN_USER, Fixtures.ADMIN_PASSWORD)
                .get("/api/v1/orders")
                .then()
                .statusCode(429)
                .body("error", containsString("too many failed logins"))
                .extract()
                .header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 4);
        given().redirects()
                .follow(false)
                .formParam("j_username", Fixtures.ADMIN_USER)
                .formParam("j_password", Fixtures.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("error=wait"));

        assertThat(warnings)
                .hasSize(5)
                .allSatisfy(r ->
                        assertThat(formatted(r)).contains("from 127.0.0.1").contains("'" + Fixtures.ADMIN_USER + "'"));
        assertThat(warnings.stream().map(LoginThrottleTest::formatted))
                .filteredOn(m -> m.contains("form login"))
                .hasSize(1);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("storesight_login_failures_total{mechanism=\"basic\"} 4.0")
                .contains("storesight_login_failures_total{mechanism=\"form\"} 1.0")
                .containsPattern("storesight_login_throttled_total(\\{[^}]*\\})? 2.0");

        Thread.sleep(4_500);
        given().auth()
                .preemptive()
                .basic(Fixtures.ADMIN_USER, Fixtures.ADMIN_PASSWORD)
                .get("/api/v1/orders")
                .then()
                .statusCode(200);
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null ? record.getMessage() : String.format(record.getMessage(), parameters);
    }
}
