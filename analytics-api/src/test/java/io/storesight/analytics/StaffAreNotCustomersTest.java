package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.inject.Inject;

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
import io.storesight.testsupport.Db;

/**
 * Issue 18: staff are not customers. Visits, sightings and orders through the real broker, then a CUSTOMER_UPDATED
 * marking one customer as staff: every report leaves them out, history included, and their orders go to the next
 * candidate or to unknown; unmarking restores all of it. Each test has a store of its own.
 */
@QuarkusTest
class StaffAreNotCustomersTest {
    private static final Instant T = Instant.parse("2026-05-04T12:00:00Z");

    @Inject
    DataSource dataSource;

    private final TestData data = new TestData("s-" + UUID.randomUUID());

    private void send(Event event) {
        String topic = event instanceof OrderEvent
                ? Topics.ORDERS
                : event instanceof VisitEvent ? Topics.VISITS : Topics.CUSTOMER_EVENTS;
        String key = event instanceof OrderEvent o
                ? o.orderId()
                : event instanceof VisitEvent v
                        ? (v.identified() ? v.customerId() : v.visitId())
                        : ((CustomerEvent) event).customerId();
        KafkaTestClient.send(topic, key, EventJson.toJson(event));
    }

    private record Visit(String id, List<String> sightings) {}

    /** A visit of the customer from start, with the given counter sightings (start, end pairs) in it. */
    private Visit visit(
            String customer,
            int number,
            Instant start,
            String ageBand,
            String gender,
            String tier,
            Instant... sightings) {
        Visit visit = new Visit("v-" + UUID.randomUUID(), new java.util.ArrayList<>());
        send(data.visit(
                VisitEvent.Type.VISIT_STARTED,
                customer,
                visit.id(),
                null,
                null,
                start,
                null,
                ageBand,
                gender,
                tier,
                number,
                number == 1));
        for (int i = 0; i < sightings.length; i += 2) {
            String sighting = "s-" + UUID.randomUUID();
            visit.sightings().add(sighting);
            send(data.visit(
                    VisitEvent.Type.SIGHTING_ENDED,
                    customer,
                    visit.id(),
                    sighting,
                    data.counterCamera,
                    sightings[i],
                    sightings[i + 1],
                    ageBand,
                    gender,
                    tier,
                    number,
                    false));
        }
        return visit;
    }

    private OrderEvent order(Instant at, String item) {
        OrderEvent order = data.order("o-" + UUID.randomUUID(), at, List.of(data.line(item, 1)));
        send(order);
        return order;
    }

    private static void awaitAttribution(OrderEvent order, String expectedCustomer) {
        TestData.await(() -> TestData.admin()
                                .get("/api/v1/orders/" + order.orderId() + "/attribution")
                                .statusCode()
                        == 200
                && Objects.equals(TestData.attribution(order.orderId()).get("customerId"), expectedCustomer));
    }

    private JsonPath report(String name, String query) {
        return TestData.admin()
                .get("/api/v1/reports/" + name + "?store=" + data.store + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> board(String query) {
        return TestData.admin()
                .get("/api/v1/reports/loyal-customers?limit=10000" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("customers.customerId", String.class);
    }

    private void awaitRow(String table, String column, String id) {
        TestData.await(
                () -> Db.count(dataSource, "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", id) == 1);
    }

    /** visits, anonymousVisits, customerVisits, uniqueCustomers, newVisits, returningVisits of the store. */
    private List<Long> footfall() {
        JsonPath s = report("summary", "");
        return List.of(
                s.getLong("visits"),
                s.getLong("anonymousVisits"),
                s.getLong("customerVisits"),
                s.getLong("uniqueCustomers"),
                s.getLong("newVisits"),
                s.getLong("returningVisits"));
    }

    private void awaitFootfall(Long... expected) {
        TestData.await(() -> footfall().equals(List.of(expected)));
    }

    @Test
    void markingStaffTakesThemOutOfEveryReportWithTheirHistoryAndUnmarkingRestoresIt() {
        String staff = data.customer();
        String customer = data.customer();
        // staff: a first visit the day before, then one at the counter around both orders; present longest at T
        visit(staff, 1, T.minusSeconds(86_400), "30-39", "MALE", "NEW");
        visit(
                staff,
                2,
                T.minusSeconds(60),
                "30-39",
                "MALE",
                "REGULAR",
                T.minusSeconds(50),
                T.plusSeconds(40),
                T.plusSeconds(3590),
                T.plusSeconds(3630));
        visit(customer, 1, T.minusSeconds(30), "20-29", "FEMALE", "NEW", T.minusSeconds(5), T.plusSeconds(5));
        send(VisitEvent.anonymousVisit(
                "track-" + UUID.randomUUID(),
                data.store,
                TestData.ENTRANCE,
                "entrance",
                "60+",
                "FEMALE",
                T.plusSeconds(100),
                T.plusSeconds(110)));
        awaitFootfall(4L, 1L, 3L, 2L, 2L, 1L);
        OrderEvent shared = order(T, "coffee");
        OrderEvent alone = order(T.plusSeconds(3600), "soup");
        awaitAttribution(shared, staff);
        awaitAttribution(alone, staff);
        assertThat(board("")).contains(staff, customer);
        assertThat(report("summary", "&tier=REGULAR").getLong("visits")).isEqualTo(1);

        send(data.staff(staff, true));
        awaitAttribution(alone, null);
        awaitAttribution(shared, customer);
        awaitFootfall(2L, 1L, 1L, 1L, 1L, 0L);
        assertThat(report("summary", "&tier=REGULAR").getLong("visits")).isZero();
        assertThat(report("summary", "").getDouble("returningShare")).isZero();
        JsonPath demographics = report("demographics", "");
        assertThat(demographics.getList("visitors.ageBand")).containsExactlyInAnyOrder("20-29", "60+");
        assertThat(demographics.getList("buyers.ageBand")).containsExactlyInAnyOrder("20-29", "unknown");
        assertThat(board("")).doesNotContain(staff).contains(customer);
        assertThat(board("&from=2026-05-04&to=2026-05-04"))
                .doesNotContain(staff)
                .contains(customer);
        assertThat(report("footfall", "").getList("daily.visits", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(2);

        // while marked, what they do now is left out too
        Visit later = visit(
                staff, 3, T.plusSeconds(7100), "30-39", "MALE", "REGULAR", T.plusSeconds(7150), T.plusSeconds(7250));
        OrderEvent meanwhile = order(T.plusSeconds(7200), "tea");
        awaitRow("visits", "visit_id", later.id());
        awaitRow("orders", "order_id", meanwhile.orderId());
        TestData.await(() -> Db.count(dataSource, "SELECT COUNT(*) FROM sightings WHERE customer_id = ?", staff) == 3);
        assertThat(TestData.attribution(meanwhile.orderId())).containsEntry("customerId", null);
        assertThat(footfall()).containsExactly(2L, 1L, 1L, 1L, 1L, 0L);

        send(data.staff(staff, false));
        awaitAttribution(shared, staff);
        awaitAttribution(alone, staff);
        awaitAttribution(meanwhile, staff);
        awaitFootfall(5L, 1L, 4L, 2L, 2L, 2L);
        assertThat(report("summary", "&tier=REGULAR").getLong("visits")).isEqualTo(2);
        assertThat(board("")).contains(staff);
        assertThat(report("demographics", "").getList("buyers.ageBand")).containsExactly("30-39");
    }

    @Test
    void aMergeWithStaffIsStaffTheSplitOffVisitsCountAgainAndErasingStaffAddsNoFootfall() {
        String staff = data.customer();
        String other = data.customer();
        visit(staff, 1, T.minusSeconds(60), "30-39", "MALE", "NEW", T.minusSeconds(50), T.plusSeconds(40));
        Visit otherVisit =
                visit(other, 1, T.minusSeconds(30), "20-29", "FEMALE", "NEW", T.minusSeconds(5), T.plusSeconds(5));
        awaitFootfall(2L, 0L, 2L, 2L, 2L, 0L);
        send(data.staff(staff, true));
        OrderEvent order = order(T, "bagel");
        awaitAttribution(order, other);
        awaitFootfall(1L, 0L, 1L, 1L, 1L, 0L);

        // identity decided the two were one person, who is staff: nothing of either counts now
        send(CustomerEvent.merged(
                staff,
                other,
                new CustomerEvent.Profile("NEW", null, false, "30-39", "MALE", true),
                "merged by admin",
                Instant.now()));
        awaitAttribution(order, null);
        awaitFootfall(0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(board("")).doesNotContain(staff, other);

        // "not this person": the other's visit is someone else's again, a customer's
        String created = data.customer();
        send(CustomerEvent.split(
                created,
                staff,
                List.of(otherVisit.id()),
                otherVisit.sightings(),
                new CustomerEvent.Profile("NEW", null, false, "20-29", "FEMALE", false),
                "split by admin",
                Instant.now()));
        awaitAttribution(order, created);
        awaitFootfall(1L, 0L, 1L, 1L, 1L, 0L);
        assertThat(board("")).contains(created).doesNotContain(staff);

        // the staff member's visits were never footfall: erasure does not turn them into anonymous visits
        send(data.erased(staff));
        TestData.await(
                () -> Db.count(dataSource, "SELECT COUNT(*) FROM erased_customers WHERE customer_id = ?", staff) == 1);
        assertThat(footfall()).containsExactly(1L, 0L, 1L, 1L, 1L, 0L);
        assertThat(Db.count(dataSource, "SELECT COUNT(*) FROM staff_customers WHERE customer_id = ?", staff))
                .isZero();
        assertThat(Db.count(dataSource, "SELECT COUNT(*) FROM visits WHERE customer_id = ?", staff))
                .isZero();
        assertThat(TestData.attribution(order.orderId())).containsEntry("customerId", created);
    }
}
