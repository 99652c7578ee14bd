package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.json;
import static io.storesight.sales.Fixtures.order;
import static io.storesight.sales.Fixtures.staff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Item 5, with service-common's SameOriginCheck as every service runs it: a state-changing request that a browser
 * marks as coming from another site is refused, whatever credentials or cookies it carries; the service's own pages
 * and programs (no browser headers) pass. A 401 challenges for Basic only a client that tried Basic.
 */
@QuarkusTest
class ForgedRequestTest {
    @TestHTTPResource("/")
    URL root;

    private String self() {
        return "http://" + root.getHost() + ":" + root.getPort();
    }

    @Test
    void aStateChangingRequestFromAnotherSiteIsRefused() {
        json().header("Sec-Fetch-Site", "cross-site")
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(403)
                .body("error", containsString("cross-origin request refused"));
        json().header("Sec-Fetch-Site", "same-site")
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(403);
        json().header("Origin", "http://evil.example")
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(403)
                .body("error", containsString("evil.example"));
        Fixtures.admin()
                .header("Origin", "null")
                .delete("/api/v1/menu/espresso")
                .then()
                .statusCode(403);
        // Logging a victim into the attacker's account is a forged request too.
        given().redirects()
                .follow(false)
                .header("Sec-Fetch-Site", "cross-site")
                .formParam("j_username", Fixtures.STAFF_USER)
                .formParam("j_password", Fixtures.STAFF_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(403);
    }

    @Test
    void theServicesOwnPagesAndProgramsPass() {
        json().header("Sec-Fetch-Site", "same-origin")
                .header("Origin", self())
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        json().header("Origin", self())
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        json().body(order("espresso", "1")).post("/api/v1/orders").then().statusCode(201);
        // Reading is never refused: another site cannot read the answer anyway.
        staff().header("Sec-Fetch-Site", "cross-site")
                .get("/api/v1/menu/espresso")
                .then()
                .statusCode(200);
    }

    @Test
    void onlyAClientThatTriedBasicIsChallenged() {
        given().get("/api/v1/orders").then().statusCode(401).header("WWW-Authenticate", nullValue());
        given().auth()
                .preemptive()
                .basic(Fixtures.ADMIN_USER, "wrong-password")
                .get("/api/v1/orders")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
    }
}
