package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;

/** The attribution rules, late and duplicate events, cancellation, erasure and merge, each in a store of its own. */
@QuarkusTest
class AttributionAndPrivacyTest {
    private static final Instant T = Instant.parse("2026-05-04T12:00:00Z");

    private final TestData data = new TestData("s-" + UUID.randomUUID());

    private void send(Event event) {
        String topic = event instanceof OrderEvent
                ? Topics.ORDERS
                : event instanceof VisitEvent ? Topics.VISITS : Topics.CUSTOMER_EVENTS;
        String key = event instanceof OrderEvent o
                ? o.orderId()
                : event instanceof VisitEvent v
                        ? (v.identified() ? v.customerId() : v.visitId())
                        : ((io.storesight.contracts.CustomerEvent) event).customerId();
        KafkaTestClient.send(topic, key, EventJson.toJson(event));
    }

    /** A customer's visit with one counter sighting from start to end (both events). */
    private void atCounter(String customer, Instant start, Instant end, String ageBand, String gender) {
        String visitId = "v-" + UUID.randomUUID();
        send(data.visitStarted(customer, visitId, start.minusSeconds(60), ageBand, gender, "NEW"));
        String sighting = "s-" + UUID.randomUUID();
        send(data.sighting(customer, sighting, start, null, ageBand, gender, "NEW"));
        send(data.sighting(customer, sighting, start, end, ageBand, gender, "NEW"));
    }

    private Map<String, Object> awaitAttribution(String orderId, String expectedCustomer) {
        TestData.await(() -> TestData.admin()
                                .get("/api/v1/orders/" + orderId + "/attribution")
                                .statusCode()
                        == 200
                && java.util.Objects.equals(TestData.attribution(orderId).get("customerId"), expectedCustomer));
        return TestData.attribution(orderId);
    }

    /** The customer's row on the leaderboard under the query (limit 10000: the board spans every test's stores). */
    private static java.util.Optional<Map<String, Object>> boardRow(String query, String customer) {
        List<Map<String, Object>> board = TestData.admin()
                .get("/api/v1/reports/loyal-customers?limit=10000&" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("customers");
        return board.stream().filter(c -> customer.equals(c.get("customerId"))).findFirst();
    }

    private JsonPath summary() {
        return TestData.admin()
                .get("/api/v1/reports/summary?store=" + data.store)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void thePresentCustomerLongestInTheWindowWins() {
        String longer = data.customer();
        String brief = data.customer();
        atCounter(longer, T.minusSeconds(50), T.plusSeconds(40), "30-39", "FEMALE");
        atCounter(brief, T.minusSeconds(5), T.plusSeconds(5), "20-29", "MALE");
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("coffee", 1)));
        data.awaitSummary("store=" + data.store, "visits", 2);
        send(order);
        Map<String, Object> attribution = awaitAttribution(order.orderId(), longer);
        assertThat(attribution)
                .containsEntry("ageBand", "30-39")
                .containsEntry("gender", "FEMALE")
                .containsEntry("tier", "NEW")
                .containsEntry("attributed", true);
    }

    @Test
    void theNearestSightingWinsAndTheWindowIsSixtySeconds() {
        String before = data.customer();
        String after = data.customer();
        atCounter(before, T.minusSeconds(120), T.minusSeconds(30), "40-49", "MALE");
        atCounter(after, T.plusSeconds(10), T.plusSeconds(100), "50-59", "FEMALE");
        String far = data.customer();
        atCounter(far, T.plusSeconds(1000), T.plusSeconds(1100), "60+", "FEMALE");
        data.awaitSummary("store=" + data.store, "visits", 3);
        OrderEvent nearest = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("tea", 1)));
        OrderEvent outside = data.order("o-" + UUID.randomUUID(), T.plusSeconds(1161), List.of(data.line("tea", 1)));
        OrderEvent inside = data.order("o-" + UUID.randomUUID(), T.plusSeconds(1159), List.of(data.line("tea", 1)));
        send(nearest);
        send(outside);
        send(inside);
        awaitAttribution(nearest.orderId(), after);
        awaitAttribution(inside.orderId(), far);
        assertThat(awaitAttribution(outside.orderId(), null))
                .containsEntry("ageBand", "unknown")
                .containsEntry("attributed", false);
    }

    @Test
    void anOrderBeforeItsSightingIsAttributedWhenTheSightingArrives() {
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("bagel", 2)));
        OrderEvent cancelled = data.order("o-" + UUID.randomUUID(), T.plusSeconds(20), List.of(data.line("bagel", 1)));
        send(order);
        send(cancelled);
        send(data.cancelled(cancelled));
        data.awaitSummary("store=" + data.store, "orders", 1);
        awaitAttribution(order.orderId(), null);
        String customer = data.customer();
        atCounter(customer, T.minusSeconds(30), T.plusSeconds(60), "20-29", "FEMALE");
        awaitAttribution(order.orderId(), customer);
        assertThat(awaitAttribution(cancelled.orderId(), customer)).containsEntry("status", "CANCELLED");
        TestData.await(() -> TestData.admin()
                .get("/api/v1/reports/demographics?store=" + data.store)
                .then()
                .extract()
                .jsonPath()
                .getList("buyers")
                .equals(List.of(
                        Map.of("ageBand", "20-29", "gender", "FEMALE", "orders", 1, "revenue", 6.2f, "share", 1.0f))));
        // Within 12:00-12:59 the customer ordered (the cancelled order does not count); the visit began at 11:58:30.
        Map<String, Object> row =
                boardRow("from=2026-05-04&to=2026-05-04&hour=12", customer).orElseThrow();
        assertThat(row)
                .containsEntry("visits", 0)
                .containsEntry("orders", 1)
                .containsEntry("spend", 6.2f)
                .containsEntry("lastVisit", null);
        assertThat(boardRow("from=2026-05-04&to=2026-05-04&hour=11", customer).orElseThrow())
                .containsEntry("visits", 1)
                .containsEntry("orders", 0)
                .containsEntry("lastVisit", "2026-05-04T11:58:30Z");
        assertThat(boardRow("from=2026-05-04&to=2026-05-04&hour=13", customer)).isEmpty();
        String csv = TestData.admin()
                .get("/api/v1/reports/loyal-customers?format=csv&limit=10000&from=2026-05-04"
                        + "&to=2026-05-04&hour=12")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv.lines().filter(line -> line.startsWith(customer + ",")))
                .containsExactly(customer + ",NEW,false,20-29,FEMALE,0,1,6.20,");
    }

    @Test
    void duplicatesCountOnceAndCancellationsUncount() {
        String customer = data.customer();
        VisitEvent visit = data.visitStarted(customer, "v-" + UUID.randomUUID(), T, "10-19", "MALE", "NEW");
        send(visit);
        send(visit);
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("soup", 1)));
        send(order);
        send(order);
        OrderEvent second = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("salad", 1)));
        // The cancellation overtakes its order: the order is never counted.
        send(data.cancelled(second));
        send(second);
        OrderEvent third = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("salad", 2)));
        send(third);
        data.awaitSummary("store=" + data.store, "orders", 2);
        send(data.cancelled(third));
        data.awaitSummary("store=" + data.store, "orders", 1);
        JsonPath summary = summary();
        assertThat(summary.getLong("visits")).isEqualTo(1);
        assertThat(new BigDecimal(summary.getString("revenue"))).isEqualByComparingTo("5.40");
    }

    @Test
    void erasureAnonymisesButKeepsRevenueAndFootfall() {
        String erased = data.customer();
        String other = data.customer();
        atCounter(erased, T.minusSeconds(30), T.plusSeconds(30), "30-39", "MALE");
        atCounter(other, T.plusSeconds(3600), T.plusSeconds(3660), "30-39", "FEMALE");
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("sandwich", 1)));
        send(order);
        awaitAttribution(order.orderId(), erased);
        assertThat(summary().getLong("uniqueCustomers")).isEqualTo(2);

        send(data.erased(erased));
        Map<String, Object> after = awaitAttribution(order.orderId(), null);
        assertThat(after).containsEntry("ageBand", "unknown").containsEntry("gender", "UNKNOWN");
        TestData.await(() -> summary().getLong("uniqueCustomers") == 1);
        JsonPath summary = summary();
        assertThat(summary.getLong("visits")).isEqualTo(2);
        assertThat(summary.getLong("orders")).isEqualTo(1);
        assertThat(new BigDecimal(summary.getString("revenue"))).isEqualByComparingTo("6.50");
        JsonPath demographics = TestData.admin()
                .get("/api/v1/reports/demographics?store=" + data.store)
                .then()
                .extract()
                .jsonPath();
        assertThat(demographics.getList("visitors.ageBand")).containsExactly("30-39", "unknown");
        assertThat(demographics.getList("buyers.ageBand")).containsExactly("unknown");
        assertThat(TestData.admin()
                        .get("/api/v1/reports/loyal-customers?limit=10000")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("customers.customerId"))
                .doesNotContain(erased)
                .contains(other);
        // Nor under a time filter, which counts from the (now anonymous) visit and order rows.
        assertThat(boardRow("from=2026-05-04&to=2026-05-04", erased)).isEmpty();
        assertThat(boardRow("year=2026&month=5&hour=11", erased)).isEmpty();
        assertThat(boardRow("from=2026-05-04&to=2026-05-04", other).orElseThrow())
                .containsEntry("visits", 1)
                .containsEntry("orders", 0);

        // Late events about the erased customer are not stored again.
        OrderEvent later = data.order("o-" + UUID.randomUUID(), T.plusSeconds(7200), List.of(data.line("tea", 1)));
        atCounter(erased, T.plusSeconds(7190), T.plusSeconds(7230), "30-39", "MALE");
        send(later);
        awaitAttribution(later.orderId(), null);
        assertThat(summary().getLong("visits")).isEqualTo(2);
    }

    /**
     * Before the merge the order is other's (present at the order time for 80 s of the window, against 50 s for
     * second and 10 s away for first); first and second are one person, together present for 90 s: the merge hands
     * the order to the survivor, with the demographics of the nearest of the now joint sightings (second's).
     */
    @Test
    void mergeReDecidesOrdersWhenTwoCandidatesBecomeOne() {
        String first = data.customer();
        String second = data.customer();
        String other = data.customer();
        atCounter(first, T.minusSeconds(50), T.minusSeconds(10), "30-39", "FEMALE");
        atCounter(second, T.minusSeconds(10), T.plusSeconds(40), "20-29", "FEMALE");
        atCounter(other, T.minusSeconds(40), T.plusSeconds(40), "50-59", "MALE");
        data.awaitSummary("store=" + data.store, "visits", 3);
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("soup", 1)));
        send(order);
        assertThat(awaitAttribution(order.orderId(), other)).containsEntry("ageBand", "50-59");

        send(data.merged(first, second));
        assertThat(awaitAttribution(order.orderId(), first))
                .containsEntry("ageBand", "20-29")
                .containsEntry("gender", "FEMALE")
                .containsEntry("tier", "NEW");
        // The cubes and the counters followed: the sale is the 20-29 woman's, not the 50-59 man's.
        TestData.await(() -> TestData.admin()
                .get("/api/v1/reports/demographics?store=" + data.store)
                .then()
                .extract()
                .jsonPath()
                .getList("buyers")
                .equals(List.of(
                        Map.of("ageBand", "20-29", "gender", "FEMALE", "orders", 1, "revenue", 5.4f, "share", 1.0f))));
        assertThat(boardRow("tier=NEW", first).orElseThrow())
                .containsEntry("visits", 2)
                .containsEntry("orders", 1)
                .containsEntry("spend", 5.4f);
        assertThat(boardRow("tier=NEW", other).orElseThrow())
                .containsEntry("visits", 1)
                .containsEntry("orders", 0)
                .containsEntry("spend", 0.0f);
        assertThat(boardRow("from=2026-05-04&to=2026-05-04", other).orElseThrow())
                .containsEntry("orders", 0);
        assertThat(boardRow("from=2026-05-04&to=2026-05-04", first).orElseThrow())
                .containsEntry("visits", 2)
                .containsEntry("orders", 1);
    }

    @Test
    void anonymousVisitorsCountInFootfallButNeitherAsCustomersNorInTheReturningShare() {
        String regular = data.customer();
        send(data.visit(
                VisitEvent.Type.VISIT_STARTED,
                regular,
                "v-" + UUID.randomUUID(),
                null,
                TestData.ENTRANCE,
                T.minusSeconds(86_400),
                null,
                "30-39",
                "FEMALE",
                "NEW",
                1,
                true));
        send(data.visit(
                VisitEvent.Type.VISIT_STARTED,
                regular,
                "v-" + UUID.randomUUID(),
                null,
                TestData.ENTRANCE,
                T,
                null,
                "30-39",
                "FEMALE",
                "REGULAR",
                2,
                false));
        VisitEvent pass = VisitEvent.anonymousVisit(
                "track-" + UUID.randomUUID(),
                data.store,
                TestData.ENTRANCE,
                "entrance",
                "20-29",
                "MALE",
                T.plusSeconds(60),
                T.plusSeconds(75));
        send(pass);
        send(pass);
        data.awaitSummary("store=" + data.store, "visits", 3);
        JsonPath summary = summary();
        assertThat(summary.getLong("anonymousVisits")).isEqualTo(1);
        assertThat(summary.getLong("customerVisits")).isEqualTo(2);
        assertThat(summary.getLong("uniqueCustomers")).isEqualTo(1);
        assertThat(summary.getLong("newVisits")).isEqualTo(1);
        assertThat(summary.getDouble("returningShare")).isEqualTo(0.5);
        // the pass keeps the demographics seen: footfall by gender counts the anonymous visitor too
        assertThat(TestData.admin()
                        .get("/api/v1/reports/summary?store=" + data.store + "&gender=MALE")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("visits"))
                .isEqualTo(1);
        assertThat(boardRow("store=" + data.store, regular))
                .get()
                .extracting(r -> r.get("visits"))
                .isEqualTo(2);
    }

    @Test
    void aSplitMovesTheVisitsTheirSightingsAndOrdersToTheNewCustomer() {
        String source = data.customer();
        String visit1 = "v-" + UUID.randomUUID();
        String visit2 = "v-" + UUID.randomUUID();
        String sighting1 = "s-" + UUID.randomUUID();
        String sighting2 = "s-" + UUID.randomUUID();
        Instant later = T.plusSeconds(7200);
        send(data.visit(
                VisitEvent.Type.VISIT_STARTED,
                source,
                visit1,
                null,
                null,
                T.minusSeconds(60),
                null,
                "30-39",
                "FEMALE",
                "NEW",
                1,
                true));
        send(data.visit(
                VisitEvent.Type.SIGHTING_ENDED,
                source,
                visit1,
                sighting1,
                data.counterCamera,
                T.minusSeconds(20),
                T.plusSeconds(20),
                "30-39",
                "FEMALE",
                "NEW",
                1,
                true));
        send(data.visit(
                VisitEvent.Type.VISIT_STARTED,
                source,
                visit2,
                null,
                null,
                later.minusSeconds(60),
                null,
                "30-39",
                "FEMALE",
                "REGULAR",
                2,
                false));
        send(data.visit(
                VisitEvent.Type.SIGHTING_ENDED,
                source,
                visit2,
                sighting2,
                data.counterCamera,
                later.minusSeconds(20),
                later.plusSeconds(20),
                "30-39",
                "FEMALE",
                "REGULAR",
                2,
                false));
        OrderEvent first = data.order("o-" + UUID.randomUUID(), T, List.of(data.line("coffee", 1)));
        OrderEvent second = data.order("o-" + UUID.randomUUID(), later, List.of(data.line("salad", 1)));
        send(first);
        send(second);
        awaitAttribution(first.orderId(), source);
        awaitAttribution(second.orderId(), source);
        data.awaitSummary("store=" + data.store, "uniqueCustomers", 1);

        String created = data.customer();
        send(CustomerEvent.split(
                created,
                source,
                List.of(visit2),
                List.of(sighting2),
                new CustomerEvent.Profile("NEW", null, false, "40-49", "MALE", false),
                "split by admin",
                Instant.now()));
        awaitAttribution(second.orderId(), created);
        assertThat(TestData.attribution(first.orderId())).containsEntry("customerId", source);
        data.awaitSummary("store=" + data.store, "uniqueCustomers", 2);
        JsonPath summary = summary();
        assertThat(summary.getLong("visits")).isEqualTo(2);
        assertThat(summary.getLong("newVisits"))
                .as("each customer's first visit is a new customer's")
                .isEqualTo(2);
        assertThat(summary.getLong("returningVisits")).isZero();
        assertThat(boardRow("store=" + data.store, source)).get().satisfies(r -> {
            assertThat(r).containsEntry("visits", 1).containsEntry("orders", 1);
        });
        assertThat(boardRow("store=" + data.store, created)).get().satisfies(r -> {
            assertThat(r).containsEntry("visits", 1).containsEntry("orders", 1).containsEntry("ageBand", "40-49");
        });
    }

    @Test
    void mergeRepointsVisitsOrdersAndCounters() {
        String survivor = data.customer();
        String merged = data.customer();
        atCounter(survivor, T.minusSeconds(30), T.plusSeconds(30), "40-49", "FEMALE");
        atCounter(merged, T.plusSeconds(3600), T.plusSeconds(3660), "40-49", "FEMALE");
        atCounter(merged, T.plusSeconds(90000), T.plusSeconds(90060), "40-49", "FEMALE");
        OrderEvent order = data.order("o-" + UUID.randomUUID(), T.plusSeconds(3630), List.of(data.line("muffin", 3)));
        send(order);
        awaitAttribution(order.orderId(), merged);
        data.awaitSummary("store=" + data.store, "uniqueCustomers", 2);

        send(data.merged(survivor, merged));
        awaitAttribution(order.orderId(), survivor);
        data.awaitSummary("store=" + data.store, "uniqueCustomers", 1);
        List<Map<String, Object>> board = TestData.admin()
                .get("/api/v1/reports/loyal-customers?limit=10000")
                .then()
                .extract()
                .jsonPath()
                .getList("customers");
        Map<String, Object> row = board.stream()
                .filter(c -> survivor.equals(c.get("customerId")))
                .findFirst()
                .orElseThrow();
        assertThat(row).containsEntry("visits", 3).containsEntry("orders", 1);
        assertThat(board.stream().map(c -> c.get("customerId"))).doesNotContain(merged);
        assertThat(summary().getLong("visits")).isEqualTo(3);
        // Under time filters the merged customer's visits and order count for the survivor too.
        assertThat(boardRow("from=2026-05-04&to=2026-05-05", survivor).orElseThrow())
                .containsEntry("visits", 3)
                .containsEntry("orders", 1)
                .containsEntry("spend", 8.7f)
                .containsEntry("lastVisit", "2026-05-05T12:59:00Z");
        assertThat(boardRow("from=2026-05-05&to=2026-05-05", survivor).orElseThrow())
                .containsEntry("visits", 1)
                .containsEntry("orders", 0)
                .containsEntry("lastVisit", "2026-05-05T12:59:00Z");
        // The order (13:00:30) is the merged customer's; their visit began at 12:59.
        assertThat(boardRow("from=2026-05-04&to=2026-05-04&hour=13", survivor).orElseThrow())
                .containsEntry("visits", 0)
                .containsEntry("orders", 1)
                .containsEntry("lastVisit", null);
        assertThat(boardRow("year=2026&month=5", merged)).isEmpty();
    }
}
