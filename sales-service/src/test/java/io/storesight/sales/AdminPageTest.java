package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.storesight.testsupport.TestLogins;

@QuarkusTest
class AdminPageTest {

    @Test
    void adminPageRedirectsToLoginWithoutASession() {
        given().redirects()
                .follow(false)
                .get("/admin")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/login.html"))
                .body(not(containsString("Menu admin")));
        given().get("/login.html").then().statusCode(200).body(containsString("j_security_check"));
    }

    @Test
    void wrongPasswordIsRefusedAndTheRightOneOpensThePage() {
        given().redirects()
                .follow(false)
                .formParam("j_username", TestLogins.ADMIN_USER)
                .formParam("j_password", "guess")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login.html?error"));

        Cookies session = given().redirects()
                .follow(false)
                .formParam("j_username", Fixtures.ADMIN_USER)
                .formParam("j_password", Fixtures.ADMIN_PASSWORD)
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/order"))
                .extract()
                .detailedCookies();
        given().cookies(session)
                .get("/admin")
                .then()
                .statusCode(200)
                .body(containsString("Menu admin"))
                .body(containsString("data-id=\"flat-white\""));
        // The page's own API calls ride on the same session cookie.
        given().cookies(session).get("/api/v1/orders?limit=1").then().statusCode(200);
    }

    @Test
    void orderPageListsTheMenuByCategory() {
        Fixtures.staff()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("<h2 class=\"category\">coffee</h2>"))
                .body(containsString("data-id=\"cafe-latte\""))
                .body(containsString("Caffè Latte"))
                .body(containsString("<script src=\"/order.js\"></script>"));
    }
}
