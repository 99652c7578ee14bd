package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.order;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With {@code storesight.sales.open-ordering=false} the staff endpoints need the admin login too. */
@QuarkusTest
@TestProfile(ClosedOrderingTest.Closed.class)
class ClosedOrderingTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storesight.sales.open-ordering", "false");
        }
    }

    @Test
    void staffEndpointsNeedTheLogin() {
        given().contentType(ContentType.JSON).body(order("espresso", "1")).post("/api/v1/orders").then()
                .statusCode(401).body("error", equalTo("admin login required"));
        given().get("/api/v1/menu").then().statusCode(401);
        given().get("/api/v1/menu/espresso").then().statusCode(401);
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", endsWith("/login.html"));

        admin().contentType(ContentType.JSON).body(order("espresso", "1")).post("/api/v1/orders").then()
                .statusCode(201);
        admin().get("/api/v1/menu/espresso").then().statusCode(200);
        admin().get("/").then().statusCode(200);
    }
}
