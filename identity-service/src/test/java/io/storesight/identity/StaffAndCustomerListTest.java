package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.admin;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerEvent;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.isCustomerEvent;
import static io.storesight.identity.IdentityTestSupport.send;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.Topics;
import io.storesight.identity.RealFaces.Person;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.GalleryService;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.kafka.LocalKafkaResource;

/**
 * The staff flag (issue 18: staff are not customers) and the customer list's search and filters, through the real
 * broker: customers are made by observations, the flag travels on CUSTOMER_UPDATED, merges and splits keep it.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class StaffAndCustomerListTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    GalleryService galleryService;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String store;
    private String idA;
    private String idB;

    @BeforeEach
    void twoCustomers() {
        customerIds(dataSource).forEach(id -> customers.erase(id, "test reset"));
        store = camera("store");
        String cam = camera("entrance");
        Person a = RealFaces.clear().get(7);
        Person b = RealFaces.clear().get(8);
        sendFrames(cam, store, t0, 300, 4, a);
        send(frame(cam, store, t0.plusSeconds(20), List.of()));
        sendFrames(cam, store, t0.plusSeconds(21), 300, 2, a);
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(40), 300, 4, b));
        idA = galleryService.gallery().nearest(a.view(0).descriptor(), 1).get(0).customerId();
        idB = galleryService.gallery().nearest(b.view(0).descriptor(), 1).get(0).customerId();
        assertThat(idA).isNotEqualTo(idB);
    }

    private static JsonPath list(Map<String, ?> query) {
        return admin().queryParams(query)
                .get("/api/v1/customers")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath patch(String id, Map<String, ?> body) {
        return admin().contentType("application/json")
                .body(body)
                .patch("/api/v1/customers/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void markingStaffIsPublishedLoggedAndFilterableAndUnmarkingToo() {
        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            assertThat(patch(idA, Map.of("staff", true)).getBoolean("staff")).isTrue();
            CustomerEvent marked = customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMER_UPDATED))
                    .get(0));
            assertThat(marked.staff()).isTrue();

            assertThat(list(Map.of("staff", "true")).getList("items.id", String.class))
                    .containsExactly(idA);
            assertThat(list(Map.of("staff", "false")).getList("items.id", String.class))
                    .containsExactly(idB);
            // a label change alone keeps the flag
            assertThat(patch(idA, Map.of("label", "Barista")).getBoolean("staff"))
                    .isTrue();
            assertThat(admin().get("/api/v1/customers/" + idA)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("logs.event", String.class))
                    .contains("Marked as staff");

            assertThat(patch(idA, Map.of("staff", false)).getBoolean("staff")).isFalse();
            CustomerEvent unmarked = customerEvent(customerEvents
                    .await(
                            1,
                            WAIT,
                            r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMER_UPDATED)
                                    && Boolean.FALSE.equals(customerEvent(r).staff()))
                    .get(0));
            assertThat(unmarked.label()).isEqualTo("Barista");
        }
        assertThat(list(Map.of("staff", "true")).getInt("total")).isZero();
        admin().queryParam("staff", "yes")
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("error", containsString("staff"));
    }

    @Test
    void theListSearchesIdAndLabelAndFiltersVipAndSortsByVisits() {
        patch(idB, Map.of("label", "Morning Regular", "vip", true));
        assertThat(list(Map.of("q", "morning")).getList("items.id", String.class))
                .containsExactly(idB);
        assertThat(list(Map.of("q", idA.substring(2, 10))).getList("items.id", String.class))
                .containsExactly(idA);
        // LIKE's wildcards are matched as themselves
        assertThat(list(Map.of("q", "%")).getInt("total")).isZero();
        assertThat(list(Map.of("vip", "true")).getList("items.id", String.class))
                .containsExactly(idB);
        assertThat(list(Map.of("vip", "false")).getList("items.id", String.class))
                .containsExactly(idA);
        // a has two visits, b one; b was seen last
        assertThat(list(Map.of("sort", "-visitCount")).getList("items.id", String.class))
                .containsExactly(idA, idB);
        assertThat(list(Map.of("sort", "visitCount")).getList("items.id", String.class))
                .containsExactly(idB, idA);
        assertThat(list(Map.of("sort", "-lastSeen")).getList("items.id", String.class))
                .containsExactly(idB, idA);
        admin().queryParam("vip", "1")
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("error", containsString("vip"));
        admin().queryParam("q", "x".repeat(201))
                .get("/api/v1/customers")
                .then()
                .statusCode(400)
                .body("error", containsString("q"));
    }

    @Test
    void aMergeWithAStaffMemberIsStaffAndVisitsSplitOffAreSomeoneElse() {
        patch(idB, Map.of("staff", true));
        String visitOfB;
        try (TopicReader customerEvents = KafkaTestClient.readerFromEnd(Topics.CUSTOMER_EVENTS)) {
            admin().contentType("application/json")
                    .body(Map.of("otherCustomerId", idB))
                    .post("/api/v1/customers/" + idA + "/merge")
                    .then()
                    .statusCode(200)
                    .body("staff", equalTo(true));
            CustomerEvent merged = customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMERS_MERGED))
                    .get(0));
            assertThat(merged.staff()).isTrue();
            JsonPath detail = admin().get("/api/v1/customers/" + idA)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            visitOfB = detail.getString("visits.find { it.visitNumber == 3 }.id");

            JsonPath split = admin().contentType("application/json")
                    .body(Map.of("visitIds", List.of(visitOfB)))
                    .post("/api/v1/customers/" + idA + "/split")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(split.getBoolean("customer.staff")).isTrue();
            assertThat(split.getBoolean("splitOff.staff")).isFalse();
            CustomerEvent splitEvent = customerEvent(customerEvents
                    .await(1, WAIT, r -> customerEvent(r).type() == CustomerEvent.Type.CUSTOMER_SPLIT)
                    .get(0));
            assertThat(splitEvent.staff()).isFalse();
            CustomerEvent source = customerEvent(customerEvents
                    .await(1, WAIT, r -> isCustomerEvent(r, idA, CustomerEvent.Type.CUSTOMER_UPDATED))
                    .get(0));
            assertThat(source.staff()).isTrue();
        }
    }
}
