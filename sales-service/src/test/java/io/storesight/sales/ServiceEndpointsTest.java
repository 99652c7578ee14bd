package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceEndpointsTest {

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("outbox relay"))
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("storesight_outbox_lag_seconds"))
                .body(containsString("storesight_outbox_pending"))
                .body(containsString("storesight_outbox_published_total"));
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/orders/{id}/cancel"))
                .body(containsString("/api/v1/menu/{id}"));
    }
}
