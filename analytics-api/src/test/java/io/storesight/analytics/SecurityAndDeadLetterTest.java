package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.TestLogins;

/** The module's one broker resource lives here; every @QuarkusTest of the module shares it. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FreshDatabase.class)
class SecurityAndDeadLetterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "summary",
                "footfall",
                "demographics",
                "top-items",
                "item-age-matrix",
                "menu-placement",
                "loyal-customers",
                "orders",
                "dimensions"
            })
    void everyReportNeedsTheAdminLogin(String report) {
        given().get("/api/v1/reports/" + report)
                .then()
                .statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("login required"));
        given().accept("text/csv")
                .get("/api/v1/reports/" + report + "?format=csv")
                .then()
                .statusCode(401)
                .body("error", equalTo("login required"));
        given().auth()
                .preemptive()
                .basic(TestLogins.ADMIN_USER, "wrong")
                .get("/api/v1/reports/" + report)
                .then()
                .statusCode(401)
                .body("error", containsString("login"));
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/" + report)
                .then()
                .statusCode(200);
    }

    @Test
    void attributionNeedsLoginAndAnswers404ForUnknownOrders() {
        given().get("/api/v1/orders/nope/attribution").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/orders/nope/attribution")
                .then()
                .statusCode(404)
                .body("error", containsString("nope"));
    }

    @Test
    void dashboardRedirectsToTheLoginPage() {
        given().redirects()
                .follow(false)
                .get("/dashboard/")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login.html"));
        given().get("/login.html").then().statusCode(200).body(containsString("j_security_check"));
        given().get("/webjars/chart.js/4.4.1/dist/chart.umd.js").then().statusCode(200);
    }

    @Test
    void badFiltersAreClear400s() {
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/summary?month=13&from=yesterday")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid report filter"))
                .body("details.month", containsString("between 1 and 12"))
                .body("details.from", containsString("2026-01-31"));
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/summary?format=xml")
                .then()
                .statusCode(400)
                .body("details.format", containsString("csv"));
    }

    /** The leaderboard honours the time filters, so it validates them like every report (JSON and CSV). */
    @ParameterizedTest
    @ValueSource(strings = {"json", "csv"})
    void badLeaderboardFiltersAreClear400s(String format) {
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/loyal-customers?format=" + format
                        + "&weekday=8&hour=24&year=19&to=2026-02-30&month=x")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("invalid report filter"))
                .body("details.weekday", containsString("between 1 and 7"))
                .body("details.hour", containsString("between 0 and 23"))
                .body("details.year", containsString("between 1970 and 9999"))
                .body("details.to", containsString("2026-01-31"))
                .body("details.month", containsString("whole number"));
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/loyal-customers?format=" + format + "&from=2026-03-02&to=2026-03-01")
                .then()
                .statusCode(400)
                .body("details.from", containsString("after"));
        given().auth()
                .preemptive()
                .basic(TestData.USER, TestData.PASSWORD)
                .get("/api/v1/reports/loyal-customers?format=" + format + "&hour=12&limit=0")
                .then()
                .statusCode(400)
                .body("details.limit", containsString("1..10000"));
    }

    @Test
    void healthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/reports/menu-placement"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.VISITS, Topics.ORDERS, Topics.CUSTOMER_EVENTS})
    void poisonGoesToTheDlqAndTheNextGoodMessageIsApplied(String topic) {
        String store = "dlq-" + topic + "-" + UUID.randomUUID();
        TestData data = new TestData(store);
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        try (TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(topic))) {
            KafkaTestClient.send(topic, "k", "{not json");
            if (topic.equals(Topics.CUSTOMER_EVENTS)) {
                // A customer to update, then the update as the good message.
                String customer = data.customer();
                KafkaTestClient.send(
                        Topics.VISITS,
                        customer,
                        EventJson.toJson(data.visitStarted(customer, "v-" + store, at, "20-29", "FEMALE", "NEW")));
                data.awaitSummary("store=" + store, "visits", 1);
                KafkaTestClient.send(topic, customer, EventJson.toJson(data.updated(customer, "VIP")));
                TestData.await(() -> TestData.admin()
                        .get("/api/v1/reports/loyal-customers?tier=VIP&limit=500")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("customers.customerId")
                        .contains(customer));
            } else if (topic.equals(Topics.VISITS)) {
                String customer = data.customer();
                KafkaTestClient.send(
                        topic,
                        customer,
                        EventJson.toJson(data.visitStarted(customer, "v-" + store, at, "20-29", "FEMALE", "NEW")));
                data.awaitSummary("store=" + store, "visits", 1);
            } else {
                KafkaTestClient.send(
                        topic,
                        "o-" + store,
                        EventJson.toJson(data.order("o-" + store, at, "nowhere", List.of(data.line("coffee", 2)))));
                data.awaitSummary("store=" + store, "orders", 1);
            }
            List<ConsumerRecord<String, byte[]>> dead =
                    dlq.await(1, Duration.ofSeconds(30), r -> "{not json".equals(KafkaTestClient.text(r.value())));
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetters.REASON)).contains("malformed JSON");
            assertThat(KafkaTestClient.header(dead.get(0), DeadLetters.ORIGIN_TOPIC))
                    .isEqualTo(topic);
        }
    }
}
