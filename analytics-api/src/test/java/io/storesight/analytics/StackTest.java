package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.kafka.LocalKafkaResource;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StackTest {
    @Test
    void readyAndProtected() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
        given().get("/api/v1/reports/ping").then().statusCode(401).body(containsString("admin login required"));
        given().auth().preemptive().basic("test-admin", "test-only-password").get("/api/v1/reports/ping").then()
                .statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
