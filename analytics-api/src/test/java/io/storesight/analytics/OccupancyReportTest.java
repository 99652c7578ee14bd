package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Await;

/** Live occupancy (console issue item 7): identity's OCCUPANCY counts through the broker become "now" and a curve. */
@QuarkusTest
class OccupancyReportTest {

    private static void send(VisitEvent event) {
        KafkaTestClient.send(Topics.VISITS, VisitEvent.occupancyKey(event.storeId()), EventJson.toJson(event));
    }

    private static JsonPath report(String query) {
        return TestData.admin()
                .get("/api/v1/reports/occupancy?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theDaysCurveHasAPointPerMinuteWithItsLastCountAndPeak() {
        String store = "occ-" + UUID.randomUUID();
        Instant nine = Instant.parse("2026-03-02T09:00:00Z");
        send(VisitEvent.occupancy(store, nine.plusSeconds(5), 1, 0));
        send(VisitEvent.occupancy(store, nine.plusSeconds(20), 2, 1));
        send(VisitEvent.occupancy(store, nine.plusSeconds(40), 2, 0));
        send(VisitEvent.occupancy(store, nine.plusSeconds(60), 2, 0));
        // A count of the day before and a redelivery of an earlier count change nothing in the day's curve.
        send(VisitEvent.occupancy(store, nine.minus(1, ChronoUnit.DAYS), 7, 0));
        send(VisitEvent.occupancy(store, nine.plusSeconds(20), 2, 1));
        send(VisitEvent.occupancy(store, nine.plusSeconds(125), 0, 1));

        Await.until(
                "the 09:02 count",
                () -> report("store=" + store + "&date=2026-03-02")
                        .getList("stores[0].curve.time")
                        .contains("09:02"));
        JsonPath day = report("store=" + store + "&date=2026-03-02");
        assertThat(day.getString("date")).isEqualTo("2026-03-02");
        assertThat(day.getString("timeZone")).isEqualTo("UTC");
        assertThat(day.getList("stores.storeId")).containsExactly(store);
        assertThat(day.getList("stores[0].curve.time")).containsExactly("09:00", "09:01", "09:02");
        assertThat(day.getList("stores[0].curve.inside", Integer.class)).containsExactly(2, 2, 1);
        assertThat(day.getList("stores[0].curve.peak", Integer.class)).containsExactly(3, 2, 1);
        // The latest count is hours old: it is shown, but not as the count of now.
        assertThat(day.getInt("stores[0].now.inside")).isEqualTo(1);
        assertThat(day.getInt("stores[0].now.visitors")).isEqualTo(1);
        assertThat(day.getBoolean("stores[0].current")).isFalse();

        TestData.admin()
                .get("/api/v1/reports/occupancy?format=csv&store=" + store + "&date=2026-03-02")
                .then()
                .statusCode(200)
                .body(containsString(store + ",2026-03-02,09:01,2,2"));
    }

    @Test
    void theCountOfNowIsTheLatestAndCurrent() {
        String store = "occ-now-" + UUID.randomUUID();
        Instant now = Instant.now();
        send(VisitEvent.occupancy(store, now.minusSeconds(30), 1, 1));
        send(VisitEvent.occupancy(store, now, 3, 1));
        Await.until(
                "the count of now",
                () -> Integer.valueOf(4).equals(report("store=" + store).get("stores[0].now.inside")));
        JsonPath today = report("store=" + store);
        assertThat(today.getBoolean("stores[0].current")).isTrue();
        assertThat(today.getInt("stores[0].now.customers")).isEqualTo(3);
        assertThat(today.getString("stores[0].now.at"))
                .isEqualTo(now.truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(today.getList("stores[0].curve")).isNotEmpty();
        // Without a store every store with a count is listed.
        assertThat(report("format=json").getList("stores.storeId")).contains(store);
    }

    @Test
    void badParametersAreClear400s() {
        TestData.admin()
                .get("/api/v1/reports/occupancy?date=today&store=%3Cx%3E")
                .then()
                .statusCode(400)
                .body("details.date", containsString("2026-01-31"))
                .body("details.store", containsString("letters"));
    }

    @Test
    void anInconsistentCountGoesToTheDeadLetters() throws Exception {
        String store = "occ-bad-" + UUID.randomUUID();
        @SuppressWarnings("unchecked")
        Map<String, Object> bad =
                EventJson.mapper().convertValue(VisitEvent.occupancy(store, Instant.now(), 1, 1), Map.class);
        bad.put("inside", 5);
        try (KafkaTestClient.TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.VISITS))) {
            KafkaTestClient.send(
                    Topics.VISITS,
                    VisitEvent.occupancyKey(store),
                    EventJson.mapper().writeValueAsString(bad));
            dlq.await(
                    1,
                    java.time.Duration.ofSeconds(30),
                    r -> KafkaTestClient.text(r.value()).contains(store));
        }
        assertThat(report("store=" + store).getList("stores")).isEqualTo(List.of());
    }
}
