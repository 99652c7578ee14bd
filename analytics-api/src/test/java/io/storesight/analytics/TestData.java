package io.storesight.analytics;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.restassured.specification.RequestSpecification;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.VisitEvent;
import io.storesight.testsupport.Await;
import io.storesight.testsupport.TestLogins;

/** Event builders for one store of the tests, and polling helpers (ingest is asynchronous). */
final class TestData {
    static final String USER = TestLogins.ADMIN_USER;
    static final String PASSWORD = TestLogins.ADMIN_PASSWORD;
    static final String ENTRANCE = "cam-entrance";

    /** The test menu: id → (name, category, unit price). */
    record MenuItem(String id, String name, String category, BigDecimal price) {}

    static final List<MenuItem> MENU = List.of(
            new MenuItem("m-coffee", "Coffee", "drinks", new BigDecimal("3.20")),
            new MenuItem("m-tea", "Tea", "drinks", new BigDecimal("2.50")),
            new MenuItem("m-juice", "Orange juice", "drinks", new BigDecimal("3.80")),
            new MenuItem("m-croissant", "Croissant", "bakery", new BigDecimal("2.40")),
            new MenuItem("m-bagel", "Bagel", "bakery", new BigDecimal("3.10")),
            new MenuItem("m-muffin", "Muffin", "bakery", new BigDecimal("2.90")),
            new MenuItem("m-sandwich", "Sandwich, club", "food", new BigDecimal("6.50")),
            new MenuItem("m-salad", "Salad", "food", new BigDecimal("7.20")),
            new MenuItem("m-soup", "Soup", "food", new BigDecimal("5.40")),
            new MenuItem("m-cookie", "Cookie", "snacks", new BigDecimal("1.50")));

    private static final AtomicLong ORDER_NUMBERS = new AtomicLong();
    private static final java.util.concurrent.atomic.AtomicInteger PROFILE_VERSIONS =
            new java.util.concurrent.atomic.AtomicInteger();

    final String store;
    final String counterCamera;

    TestData(String store) {
        this.store = store;
        this.counterCamera = "cam-counter-" + store;
    }

    static RequestSpecification admin() {
        return given().auth().preemptive().basic(USER, PASSWORD);
    }

    String customer() {
        return "c-" + UUID.randomUUID();
    }

    static MenuItem menu(String id) {
        return MENU.stream()
                .filter(m -> m.id().equals(id) || m.id().equals("m-" + id))
                .findFirst()
                .orElseThrow();
    }

    OrderEvent.Item line(String id, int quantity) {
        MenuItem item = menu(id);
        return new OrderEvent.Item(item.id(), item.name(), item.category(), quantity, item.price());
    }

    VisitEvent visitStarted(String customer, String visitId, Instant at, String ageBand, String gender, String tier) {
        return visit(
                VisitEvent.Type.VISIT_STARTED, customer, visitId, null, null, at, null, ageBand, gender, tier, 1, true);
    }

    VisitEvent visit(
            VisitEvent.Type type,
            String customer,
            String visitId,
            String sightingId,
            String camera,
            Instant start,
            Instant end,
            String ageBand,
            String gender,
            String tier,
            int visitNumber,
            boolean newCustomer) {
        Double dwell = end == null ? null : (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
        return new VisitEvent(
                UUID.randomUUID().toString(),
                type,
                VisitEvent.SCHEMA_VERSION,
                end == null ? start : end,
                customer,
                visitId,
                sightingId,
                store,
                camera,
                camera == null ? null : camera.equals(ENTRANCE) ? "entrance" : "counter",
                visitNumber,
                newCustomer,
                tier,
                "VIP".equals(tier),
                ageBand,
                gender,
                start,
                end,
                dwell);
    }

    VisitEvent sighting(
            String customer,
            String sightingId,
            Instant start,
            Instant end,
            String ageBand,
            String gender,
            String tier) {
        return visit(
                end == null ? VisitEvent.Type.SIGHTING_STARTED : VisitEvent.Type.SIGHTING_ENDED,
                customer,
                "v-" + sightingId,
                sightingId,
                counterCamera,
                start,
                end,
                ageBand,
                gender,
                tier,
                1,
                false);
    }

    OrderEvent order(String orderId, Instant at, String camera, List<OrderEvent.Item> items) {
        BigDecimal total = items.stream()
                .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new OrderEvent(
                UUID.randomUUID().toString(),
                OrderEvent.Type.ORDER_PLACED,
                OrderEvent.SCHEMA_VERSION,
                at,
                orderId,
                ORDER_NUMBERS.incrementAndGet(),
                store,
                "counter-1",
                camera,
                at,
                items,
                total,
                "EUR");
    }

    OrderEvent order(String orderId, Instant at, List<OrderEvent.Item> items) {
        return order(orderId, at, counterCamera, items);
    }

    OrderEvent cancelled(OrderEvent placed) {
        return new OrderEvent(
                UUID.randomUUID().toString(),
                OrderEvent.Type.ORDER_CANCELLED,
                OrderEvent.SCHEMA_VERSION,
                placed.orderedAt().plusSeconds(30),
                placed.orderId(),
                placed.orderNumber(),
                store,
                placed.counterId(),
                placed.counterCameraId(),
                placed.orderedAt(),
                placed.items(),
                placed.total(),
                placed.currency());
    }

    CustomerEvent updated(String customer, String tier) {
        return customerEvent(CustomerEvent.Type.CUSTOMER_UPDATED, customer, null, tier);
    }

    /** The customer marked (or unmarked) as staff, as identity-service publishes it. */
    CustomerEvent staff(String customer, boolean staff) {
        return CustomerEvent.updated(
                customer,
                PROFILE_VERSIONS.incrementAndGet(),
                new CustomerEvent.Profile("NEW", null, false, null, null, staff),
                Instant.now());
    }

    CustomerEvent erased(String customer) {
        return customerEvent(CustomerEvent.Type.CUSTOMER_ERASED, customer, null, null);
    }

    CustomerEvent merged(String survivor, String merged) {
        return customerEvent(CustomerEvent.Type.CUSTOMERS_MERGED, survivor, merged, null);
    }

    private static CustomerEvent customerEvent(CustomerEvent.Type type, String customer, String merged, String tier) {
        return new CustomerEvent(
                UUID.randomUUID().toString(),
                type,
                CustomerEvent.SCHEMA_VERSION,
                Instant.now(),
                customer,
                merged,
                tier,
                null,
                tier == null ? null : "VIP".equals(tier),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Waits until the summary under the query has the expected value in the field. */
    void awaitSummary(String query, String field, long expected) {
        await(() -> admin().get("/api/v1/reports/summary?" + query)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong(field)
                == expected);
    }

    static Map<String, Object> attribution(String orderId) {
        return admin().get("/api/v1/orders/" + orderId + "/attribution")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    static void await(BooleanSupplier condition) {
        Await.until("the read model to catch up", condition::getAsBoolean);
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        Await.until("the read model to catch up", timeout, condition::getAsBoolean);
    }
}
