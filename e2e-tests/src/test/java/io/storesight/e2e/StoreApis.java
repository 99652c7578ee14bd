package io.storesight.e2e;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The services' public REST APIs as the test uses them. Every call checks its status and answers parsed JSON, so a
 * shape change in a service fails here with the body in the message.
 */
final class StoreApis {
    private final Stack stack;

    StoreApis(Stack stack) {
        this.stack = stack;
    }

    private RequestSpecification anonymous(Service service) {
        return given().baseUri(stack.url(service)).relaxedHTTPSValidation();
    }

    private RequestSpecification admin(Service service) {
        return anonymous(service).auth().preemptive().basic(Stack.ADMIN_USER, stack.adminPassword());
    }

    /** The till's login: the order page's API. */
    private RequestSpecification staff() {
        return anonymous(Service.SALES).auth().preemptive().basic(Stack.STAFF_USER, stack.staffPassword());
    }

    /** An integration's login: face-inference's analyze and verify. */
    private RequestSpecification integrator() {
        return anonymous(Service.FACE_INFERENCE)
                .auth()
                .preemptive()
                .basic(Stack.INTEGRATOR_USER, stack.integratorPassword());
    }

    private static JsonPath expect(Response response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + " but got " + response.statusCode() + ": "
                    + response.asString());
        }
        return response.jsonPath();
    }

    // camera-ingest

    JsonPath addCamera(String id, String role, Path video) {
        return addCamera(id, role, video, Scenario.CAMERA_FPS, false);
    }

    JsonPath addLoopingCamera(String id, String role, Path video, int fps) {
        return addCamera(id, role, video, fps, true);
    }

    private JsonPath addCamera(String id, String role, Path video, int fps, boolean loop) {
        return addCamera(id, Scenario.STORE, role, video, fps, loop);
    }

    JsonPath addCamera(String id, String storeId, String role, Path video, int fps, boolean loop) {
        Map<String, Object> body = Map.of(
                "id",
                id,
                "name",
                "e2e " + role,
                "storeId",
                storeId,
                "role",
                role,
                "source",
                video.toAbsolutePath().toString(),
                "fps",
                fps,
                "loop",
                loop,
                "motionGating",
                false);
        return expect(
                admin(Service.CAMERA_INGEST)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/cameras"),
                201,
                "add camera " + id);
    }

    void removeCamera(String id) {
        expect(admin(Service.CAMERA_INGEST).delete("/api/v1/cameras/{id}", id), 204, "remove camera " + id);
    }

    JsonPath camera(String id) {
        return expect(admin(Service.CAMERA_INGEST).get("/api/v1/cameras/{id}", id), 200, "camera " + id);
    }

    // face-inference

    JsonPath analyze(byte[] jpeg) {
        return expect(integrator().contentType("image/jpeg").body(jpeg).post("/api/v1/analyze"), 200, "analyze");
    }

    JsonPath verify(Path source, Path target) {
        return expect(
                integrator()
                        .multiPart("source", source.toFile(), "image/jpeg")
                        .multiPart("target", target.toFile(), "image/jpeg")
                        .post("/api/v1/verify"),
                200,
                "verify");
    }

    // sales-service

    List<Map<String, Object>> activeMenu() {
        return expect(staff().queryParam("active", "true").get("/api/v1/menu"), 200, "menu")
                .getList("$");
    }

    /** Places an order (201), with an idempotency key so that the test's own retry could never double it. */
    JsonPath placeOrder(String counterId, Map<String, Integer> quantities, String idempotencyKey) {
        List<Map<String, Object>> lines = quantities.entrySet().stream()
                .map(e -> Map.<String, Object>of("menuItemId", e.getKey(), "quantity", e.getValue()))
                .toList();
        Map<String, Object> body = Map.of("storeId", Scenario.STORE, "counterId", counterId, "items", lines);
        return expect(
                staff().contentType(ContentType.JSON)
                        .header("Idempotency-Key", idempotencyKey)
                        .body(body)
                        .post("/api/v1/orders"),
                201,
                "place order");
    }

    List<Map<String, Object>> orders() {
        return expect(admin(Service.SALES).queryParam("limit", "500").get("/api/v1/orders"), 200, "orders")
                .getList("$");
    }

    // identity-service

    JsonPath customers() {
        return expect(admin(Service.IDENTITY).queryParam("size", "100").get("/api/v1/customers"), 200, "customers");
    }

    JsonPath customer(String id) {
        return expect(admin(Service.IDENTITY).get("/api/v1/customers/{id}", id), 200, "customer " + id);
    }

    JsonPath visits() {
        return expect(admin(Service.IDENTITY).queryParam("size", "100").get("/api/v1/visits"), 200, "visits");
    }

    /** Visits not ended yet: a visit ends once the store's capture clock has passed its last sighting. */
    long openVisits() {
        return expect(admin(Service.IDENTITY).queryParam("open", "true").get("/api/v1/visits"), 200, "open visits")
                .getLong("total");
    }

    // analytics-api

    JsonPath summary() {
        return expect(admin(Service.ANALYTICS).get("/api/v1/reports/summary"), 200, "summary");
    }

    JsonPath summary(String storeId) {
        return expect(
                admin(Service.ANALYTICS).queryParam("store", storeId).get("/api/v1/reports/summary"),
                200,
                "summary of " + storeId);
    }

    /** 404 until analytics has consumed the order. */
    JsonPath attribution(String orderId) {
        return expect(
                admin(Service.ANALYTICS).get("/api/v1/orders/{id}/attribution", orderId),
                200,
                "attribution of order " + orderId);
    }

    boolean attributionKnown(String orderId) {
        return admin(Service.ANALYTICS)
                        .get("/api/v1/orders/{id}/attribution", orderId)
                        .statusCode()
                == 200;
    }

    JsonPath loyalCustomers() {
        return expect(admin(Service.ANALYTICS).get("/api/v1/reports/loyal-customers"), 200, "loyal customers");
    }

    JsonPath report(String name) {
        return expect(admin(Service.ANALYTICS).get("/api/v1/reports/" + name), 200, name);
    }

    /** For the negative check: the reports refuse a caller without login. */
    int summaryStatusWithoutLogin() {
        return anonymous(Service.ANALYTICS).get("/api/v1/reports/summary").statusCode();
    }

    /** For the negative checks of the running stack: analyze, and an order, without any login. */
    int analyzeStatusWithoutLogin(byte[] jpeg) {
        return anonymous(Service.FACE_INFERENCE)
                .contentType("image/jpeg")
                .body(jpeg)
                .post("/api/v1/analyze")
                .statusCode();
    }

    int orderStatusWithoutLogin(String menuItemId) {
        return anonymous(Service.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "storeId", Scenario.STORE, "items", List.of(Map.of("menuItemId", menuItemId, "quantity", 1))))
                .post("/api/v1/orders")
                .statusCode();
    }
}
