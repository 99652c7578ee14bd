package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.order;
import static io.storesight.sales.Fixtures.staff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Ordering is closed by default: the order page, the menu and placing orders need the staff or the admin login. */
@QuarkusTest
class ClosedOrderingTest {

    @Test
    void anOrderWithoutStaffOrAdminLoginIsRefused() {
        given().contentType(ContentType.JSON)
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(401)
                .body("error", equalTo("login required"));
        given().get("/api/v1/menu").then().statusCode(401);
        given().get("/api/v1/menu/espresso").then().statusCode(401);
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/login.html"));
    }

    @Test
    void staffAndAdminMayOrder() {
        staff().contentType(ContentType.JSON)
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        staff().get("/api/v1/menu/espresso").then().statusCode(200);
        staff().get("/").then().statusCode(200).body(containsString("data-id=\"espresso\""));
        admin().contentType(ContentType.JSON)
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        admin().get("/").then().statusCode(200);
    }

    @Test
    void staffMayNotChangeTheMenuOrSeeOrders() {
        staff().contentType(ContentType.JSON)
                .body("{\"name\":\"Cheap\",\"category\":\"tea\",\"price\":0}")
                .post("/api/v1/menu")
                .then()
                .statusCode(403);
        staff().get("/api/v1/orders").then().statusCode(403);
        // The admin page takes the form login only; a staff session there is sent to log in as admin.
        staff().redirects()
                .follow(false)
                .get("/admin")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/login.html"));
    }
}
