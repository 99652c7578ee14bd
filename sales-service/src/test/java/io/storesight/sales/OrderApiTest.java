package io.storesight.sales;

import static io.storesight.sales.Fixtures.admin;
import static io.storesight.sales.Fixtures.json;
import static io.storesight.sales.Fixtures.order;
import static io.storesight.sales.Fixtures.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.Db;
import io.storesight.testsupport.TestLogins;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class OrderApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    @Test
    void placesAPricedOrderAndPublishesIt() {
        try (var orders = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            // A client's total and unit prices are ignored: the menu prices the order.
            String body = "{\"storeId\":\"store-1\",\"counterId\":\"counter-1\",\"total\":0.01,\"items\":["
                    + "{\"menuItemId\":\"cafe-latte\",\"quantity\":2,\"unitPrice\":0.01},"
                    + "{\"menuItemId\":\"butter-croissant\",\"quantity\":1}]}";
            ExtractableResponse<Response> placed = json().body(body)
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/orders/"))
                    .body("status", equalTo("PLACED"))
                    .body("counterCameraId", equalTo("cam-counter"))
                    .body("currency", equalTo("EUR"))
                    .body("items[0].name", equalTo("Caffè Latte"))
                    .body("items[0].lineTotal", equalTo(7.20f))
                    .extract();
            String id = placed.path("id");
            assertThat(new BigDecimal(placed.path("total").toString())).isEqualByComparingTo("9.80");

            ConsumerRecord<String, byte[]> record =
                    orders.await(1, WAIT, r -> id.equals(r.key())).get(0);
            OrderEvent event = EventJson.fromBytes(record.value(), OrderEvent.class);
            assertThat(event.type()).isEqualTo(OrderEvent.Type.ORDER_PLACED);
            assertThat(event.orderId()).isEqualTo(id);
            assertThat(event.orderNumber()).isEqualTo(((Number) placed.path("number")).longValue());
            assertThat(event.storeId()).isEqualTo("store-1");
            assertThat(event.counterId()).isEqualTo("counter-1");
            assertThat(event.counterCameraId()).isEqualTo("cam-counter");
            assertThat(event.total()).isEqualByComparingTo("9.80");
            assertThat(event.currency()).isEqualTo("EUR");
            assertThat(event.items())
                    .extracting(OrderEvent.Item::menuItemId, OrderEvent.Item::quantity)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("cafe-latte", 2),
                            org.assertj.core.groups.Tuple.tuple("butter-croissant", 1));
            assertThat(event.items().get(0).unitPrice()).isEqualByComparingTo("3.60");
            assertThat(event.items().get(0).category()).isEqualTo("coffee");

            admin().get("/api/v1/orders/" + id)
                    .then()
                    .statusCode(200)
                    .body("number", equalTo(placed.path("number")))
                    .body("orderedAt", equalTo(event.orderedAt().toString()))
                    .body("items.size()", equalTo(2));
        }
    }

    @Test
    void counterMappingComesFromConfigAndDefaultsApply() {
        json().body("{\"counterId\":\"counter-2\",\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":1}]}")
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .body("storeId", equalTo("store-1"))
                .body("counterCameraId", equalTo("cam-counter-2"));
        json().body("{\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":1}]}")
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .body("counterId", equalTo("counter-1"));
    }

    @Test
    void idempotencyKeyReturnsTheFirstOrderAndPublishesOnce() {
        String key = UUID.randomUUID().toString();
        try (var orders = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            String first = json().header("Idempotency-Key", key)
                    .body(order("americano", "1", "tiramisu", "2"))
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            String before = writes(dataSource);
            json().header("Idempotency-Key", key)
                    .body(order("americano", "1", "tiramisu", "2"))
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(200)
                    .header("Idempotent-Replayed", "true")
                    .body("id", equalTo(first));
            assertThat(writes(dataSource)).isEqualTo(before);

            // The same key for a different order is a client bug, not a retry.
            json().header("Idempotency-Key", key)
                    .body(order("americano", "2"))
                    .post("/api/v1/orders")
                    .then()
                    .statusCode(422)
                    .body("error", containsString("already used for a different order"))
                    .body("details.orderId", equalTo(first));

            orders.await(1, WAIT, r -> first.equals(r.key()));
            assertThat(orders.drain(Duration.ofSeconds(2)))
                    .filteredOn(r -> first.equals(r.key()))
                    .hasSize(1);
        }
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneOrderAndConcurrentOrdersAllSucceed() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ExtractableResponse<Response>>> retries = new ArrayList<>();
            List<Future<ExtractableResponse<Response>>> distinct = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                retries.add(pool.submit(() -> json().header("Idempotency-Key", key)
                        .body(order("cold-brew", "2"))
                        .post("/api/v1/orders")
                        .then()
                        .extract()));
                distinct.add(pool.submit(() -> json().body(order("earl-grey", "1"))
                        .post("/api/v1/orders")
                        .then()
                        .extract()));
            }
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Future<ExtractableResponse<Response>> retry : retries) {
                statuses.add(retry.get().statusCode());
                ids.add(retry.get().path("id"));
            }
            assertThat(statuses)
                    .containsOnly(200, 201)
                    .filteredOn(s -> s == 201)
                    .hasSize(1);
            assertThat(ids).hasSize(1);
            assertThat(Db.count(dataSource, "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", key))
                    .isEqualTo(1);
            Set<String> distinctIds = new HashSet<>();
            for (Future<ExtractableResponse<Response>> order : distinct) {
                assertThat(order.get().statusCode()).isEqualTo(201);
                distinctIds.add(order.get().path("id"));
            }
            assertThat(distinctIds).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusedRequestsAnswerWithJsonAndWriteNothing() {
        String before = writes(dataSource);
        String deactivated = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON)
                .body("{\"id\":\"" + deactivated + "\",\"name\":\"Seasonal Tart\",\"category\":\"dessert\","
                        + "\"price\":4.10,\"active\":false}")
                .post("/api/v1/menu")
                .then()
                .statusCode(201);

        refused(400, "{\"items\":[]}", "items must contain at least one item");
        refused(400, "{}", "items must contain at least one item");
        refused(400, order("espresso", "0"), "items[0].quantity must be between 1 and 50");
        refused(400, order("espresso", "-3"), "between 1 and 50");
        refused(400, order("espresso", "51"), "between 1 and 50");
        refused(400, order("espresso", "30", "espresso", "30"), "adds up to 60");
        refused(400, order("espresso", "99999999999"), "quantity");
        refused(400, "{\"items\":[{\"quantity\":1}]}", "items[0].menuItemId is required");
        refused(400, "{\"items\":[{\"menuItemId\":\"espresso\"}]}", "items[0].quantity is required");
        refused(400, "{\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":\"two\"}]}", "quantity");
        refused(400, "{\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":1}", "malformed JSON");
        refused(400, "not json at all", "malformed JSON");
        refused(400, "[1,2]", "");
        refused(
                400,
                "{\"storeId\":\"bad store!\",\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":1}]}",
                "storeId");
        refused(
                400,
                "{\"counterId\":\"till-9\",\"items\":[{\"menuItemId\":\"espresso\",\"quantity\":1}]}",
                "unknown counter 'till-9'");
        // A valid line next to a bad one: all or nothing.
        refused(422, order("espresso", "1", "unicorn-latte", "1"), "'unicorn-latte' is not on the menu");
        refused(422, order("espresso", "1", deactivated, "1"), "Seasonal Tart is no longer available");
        json().body(order(deactivated, "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(422)
                .body("details.unavailable." + deactivated, equalTo("no longer available"));
        json().header("Idempotency-Key", "has spaces in it")
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("error", containsString("Idempotency-Key"));
        json().header("Idempotency-Key", "k".repeat(201))
                .body(order("espresso", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("error", containsString("Idempotency-Key"));

        json().post("/api/v1/orders")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
        given415();
        String huge =
                order("espresso", "1").replace("\"items\"", "\"padding\":\"" + "x".repeat(70 * 1024) + "\",\"items\"");
        json().body(huge)
                .post("/api/v1/orders")
                .then()
                .statusCode(413)
                .contentType(ContentType.JSON)
                .body("error", containsString("request body too large"));

        assertThat(writes(dataSource)).isEqualTo(before);
    }

    private static void given415() {
        io.restassured.RestAssured.given()
                .contentType(ContentType.TEXT)
                .body("espresso x1")
                .post("/api/v1/orders")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
    }

    private static void refused(int status, String body, String message) {
        json().body(body)
                .post("/api/v1/orders")
                .then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("error", containsString(message))
                .body(not(containsString("Exception")));
    }

    @Test
    void cancelPublishesOnceAndOnlyOnce() {
        String id = json().body(order("green-tea", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try (var orders = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            io.restassured.RestAssured.given()
                    .post("/api/v1/orders/" + id + "/cancel")
                    .then()
                    .statusCode(401)
                    .body("error", equalTo("login required"));
            json().post("/api/v1/orders/" + id + "/cancel").then().statusCode(403);
            admin().post("/api/v1/orders/" + id + "/cancel")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CANCELLED"))
                    .body("cancelledAt", notNullValue());
            admin().post("/api/v1/orders/" + id + "/cancel")
                    .then()
                    .statusCode(409)
                    .body("error", containsString("already cancelled"));
            OrderEvent event = EventJson.fromBytes(
                    orders.await(1, WAIT, r -> id.equals(r.key())).get(0).value(), OrderEvent.class);
            assertThat(event.type()).isEqualTo(OrderEvent.Type.ORDER_CANCELLED);
            assertThat(event.total()).isEqualByComparingTo("2.80");
            assertThat(orders.drain(Duration.ofSeconds(1)))
                    .filteredOn(r -> id.equals(r.key()))
                    .hasSize(1);
        }
        admin().post("/api/v1/orders/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
    }

    @Test
    void listsAndFiltersOrdersForAdminsOnly() {
        Instant start = Instant.now().minusMillis(1);
        String placed = json().body(order("chamomile", "3"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String cancelled = json().body(order("chamomile", "1"))
                .post("/api/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin().post("/api/v1/orders/" + cancelled + "/cancel").then().statusCode(200);

        io.restassured.RestAssured.given().get("/api/v1/orders").then().statusCode(401);
        io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, "wrong")
                .get("/api/v1/orders")
                .then()
                .statusCode(401);
        io.restassured.RestAssured.given()
                .get("/api/v1/orders/" + placed)
                .then()
                .statusCode(401);

        List<String> since = admin().queryParam("from", start.toString())
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        assertThat(since).startsWith(cancelled, placed);
        admin().queryParam("from", start.toString())
                .queryParam("status", "cancelled")
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("id", hasItem(cancelled))
                .body("id", not(hasItem(placed)));
        admin().queryParam("from", start.toString())
                .queryParam("storeId", "store-2")
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        admin().queryParam("to", start.toString())
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(placed)));
        admin().queryParam("from", start.toString())
                .queryParam("limit", "1")
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].id", equalTo(cancelled));
        admin().queryParam("from", "2026-01-01")
                .queryParam("to", "2999-01-01")
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("id", hasItem(placed));

        admin().queryParam("from", "yesterday")
                .get("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("error", containsString("'from' must be an ISO-8601"));
        admin().queryParam("status", "LOST")
                .get("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("error", containsString("'status' must be one of"));
        admin().queryParam("limit", "0").get("/api/v1/orders").then().statusCode(400);
        admin().queryParam("limit", "ten").get("/api/v1/orders").then().statusCode(400);
        admin().queryParam("from", "2026-02-01")
                .queryParam("to", "2026-01-01")
                .get("/api/v1/orders")
                .then()
                .statusCode(400)
                .body("error", containsString("'from' must be before 'to'"));
        admin().get("/api/v1/orders/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("error", containsString("no order"));
    }
}
