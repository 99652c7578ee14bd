package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.order;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storesight.testsupport.Slow;

/**
 * With {@code storesight.sales.open-ordering=true} anyone on the network may use the order page and place orders
 * (and so attach purchases to the customers recognised at the counter); the menu and orders stay the admin's.
 */
@QuarkusTest
@Slow
@TestProfile(OpenOrderingTest.Open.class)
class OpenOrderingTest {

    public static class Open implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storesight.sales.open-ordering", "true");
        }
    }

    @Test
    void anyoneMayOrderButNotChangeTheMenu() {
        given().contentType(ContentType.JSON)
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201);
        given().get("/api/v1/menu/espresso").then().statusCode(200);
        given().get("/").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Free\",\"category\":\"tea\",\"price\":0}")
                .post("/api/v1/menu")
                .then()
                .statusCode(401);
        given().get("/api/v1/orders").then().statusCode(401);
    }
}
