package io.storesight.sales;

import static io.restassured.RestAssured.given;
import static io.storesight.sales.Fixtures.json;
import static io.storesight.sales.Fixtures.order;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.common.outbox.OutboxRelay;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.OrderEvent;
import io.storesight.contracts.Topics;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.testsupport.Slow;

/**
 * The relay dies after orders commit and before they are published (its thread and producer are gone, as in a
 * crashed process; only the database survives). The orders are still accepted, their events wait in the outbox,
 * lag and readiness show it, and the restarted relay publishes each event exactly once.
 */
@Slow
@QuarkusTest
class OutboxCrashTest {

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource dataSource;

    @Test
    void eventsCommittedWhileTheRelayIsDownArePublishedOnceAfterRestart() throws Exception {
        try (var topic = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            relay.stop();
            String first;
            String second;
            try {
                first = json().body(order("mango-smoothie", "1"))
                        .post("/api/v1/orders")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
                second = json().body(order("lemonade", "2"))
                        .post("/api/v1/orders")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");

                assertThat(count(
                                dataSource,
                                "SELECT COUNT(*) FROM outbox WHERE msg_key IN (?, ?) " + "AND sent_at IS NULL",
                                first,
                                second))
                        .isEqualTo(2);
                assertThat(topic.drain(Duration.ofSeconds(2)))
                        .filteredOn(r -> first.equals(r.key()) || second.equals(r.key()))
                        .isEmpty();
                Thread.sleep(1100);
                String metrics = given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
                assertThat(metric(metrics, "storesight_outbox_pending")).isGreaterThanOrEqualTo(2);
                assertThat(metric(metrics, "storesight_outbox_lag_seconds")).isGreaterThan(1.0);
                given().get("/q/health/ready").then().statusCode(503).body(containsString("outbox relay"));
            } finally {
                relay.start();
            }

            List<ConsumerRecord<String, byte[]>> published =
                    topic.await(2, Duration.ofSeconds(30), r -> first.equals(r.key()) || second.equals(r.key()));
            assertThat(topic.drain(Duration.ofSeconds(2)))
                    .filteredOn(r -> first.equals(r.key()) || second.equals(r.key()))
                    .hasSize(2);
            List<String> eventIds = published.stream()
                    .map(r -> EventJson.fromBytes(r.value(), OrderEvent.class).eventId())
                    .toList();
            assertThat(eventIds).doesNotHaveDuplicates();
            for (String eventId : eventIds) {
                assertThat(count(
                                dataSource,
                                "SELECT COUNT(*) FROM outbox WHERE event_id = ? AND sent_at IS NOT NULL",
                                eventId))
                        .isEqualTo(1);
            }
            given().get("/q/health/ready").then().statusCode(200);
            assertThat(metric(given().get("/q/metrics").asString(), "storesight_outbox_pending"))
                    .isZero();
        }
    }

    private static double metric(String prometheus, String name) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in /q/metrics"));
    }
}
