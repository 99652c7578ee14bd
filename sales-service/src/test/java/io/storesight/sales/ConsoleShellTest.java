package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.staff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The console shell as every service serves it from service-common's jar: its script and style without a login,
 * its settings for a logged-in user only, the logout that forgets the shared session cookie.
 */
@QuarkusTest
class ConsoleShellTest {

    @Test
    void theShellsScriptAndStyleAreServedToAnyone() {
        given().get("/console/console.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("window.Console"));
        given().get("/console/console.css")
                .then()
                .statusCode(200)
                .contentType(containsString("text/css"))
                .body(containsString(".console-nav"));
    }

    @Test
    void settingsNeedALogin() {
        given().accept("application/json").get("/console/settings").then().statusCode(401);
    }

    @Test
    void settingsNameTheUserTheirRolesTheCurrencyAndThePages() {
        staff().get("/console/settings")
                .then()
                .statusCode(200)
                .body("user", equalTo(Fixtures.STAFF_USER))
                .body("roles", hasItem("staff"))
                .body("roles", not(hasItem("admin")))
                .body("service", equalTo("sales-service"))
                .body("currency", equalTo("EUR"))
                .body("currencyDigits", equalTo(2))
                .body("timeZone", equalTo("UTC"))
                .body("links.order", equalTo("http://localhost:8084/order"))
                .body("links.dashboard", equalTo("http://localhost:8085/dashboard/"))
                .body("links.logout", endsWith("/console/logout"));
        admin().get("/console/settings").then().statusCode(200).body("roles", hasItem("admin"));
    }

    @Test
    void theAccountsListIsTheAdminsAndHasNoPasswords() {
        staff().get("/console/accounts").then().statusCode(403);
        admin().get("/console/accounts")
                .then()
                .statusCode(200)
                .body("find { it.role == 'staff' }.user", equalTo(Fixtures.STAFF_USER))
                .body(not(containsString(Fixtures.STAFF_PASSWORD)))
                .body(not(containsString(Fixtures.ADMIN_PASSWORD)));
    }

    @Test
    void logoutForgetsTheSharedSessionCookieForEveryPath() {
        given().redirects()
                .follow(false)
                .post("/console/logout")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/login.html"))
                .header("Set-Cookie", containsString("quarkus-credential=;"))
                .header("Set-Cookie", containsString("Path=/"))
                .header("Set-Cookie", containsString("Max-Age=0"));
    }
}
