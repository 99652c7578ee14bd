package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.analytics.messaging.VisitsConsumer;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;

/**
 * After a fix, the dead letters of a topic go back into it and are applied, once; their backlog is a metric. Through
 * the real broker, with service-common's replay as every service has it.
 */
@QuarkusTest
class DeadLetterReplayTest {
    private static final Pattern WAITING =
            Pattern.compile("storesight_dead_letters_waiting\\{[^}]*topic=\"visits\\.dlq\"[^}]*} ([0-9.E]+)");

    @Test
    void aDeadLetterReplayedAfterAFixIsAppliedOnceAndTheBacklogIsAMetric() throws Exception {
        String store = "replay-" + UUID.randomUUID();
        TestData data = new TestData(store);
        String customer = data.customer();
        VisitEvent visit = data.visitStarted(
                customer, "v-" + customer, Instant.parse("2026-03-04T09:00:00Z"), "30-39", "MALE", "NEW");
        // A visit an earlier version could not apply (a bug fixed since), dead-lettered by the convention.
        ConsumerRecord<String, byte[]> failed =
                new ConsumerRecord<>(Topics.VISITS, 0, 42L, customer, EventJson.toBytes(visit));
        try (KafkaProducer<String, byte[]> producer = KafkaTestClient.producer()) {
            producer.send(DeadLetters.toDeadLetter(
                            failed, new IllegalStateException("a bug, fixed since"), VisitsConsumer.NAME))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(TestData.admin()
                        .get("/api/v1/dead-letters")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("find { it.topic == 'visits' }.waiting"))
                .isPositive();
        TestData.await(() -> waitingMetric() >= 1);

        try (TopicReader topic = KafkaTestClient.readerFromEnd(Topics.VISITS)) {
            int replayed = TestData.admin()
                    .post("/api/v1/dead-letters/visits/replay")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getInt("replayed");
            assertThat(replayed).isPositive();
            ConsumerRecord<String, byte[]> back = topic.await(1, Duration.ofSeconds(30), r -> customer.equals(r.key()))
                    .get(0);
            assertThat(KafkaTestClient.text(back.value())).isEqualTo(EventJson.toJson(visit));
            assertThat(KafkaTestClient.header(back, DeadLetters.REPLAYED_FROM)).startsWith("visits.dlq/0@");
            assertThat(back.headers()).noneMatch(h -> h.key().startsWith(DeadLetters.PREFIX));
            data.awaitSummary("store=" + store, "visits", 1);

            TestData.admin().post("/api/v1/dead-letters/visits/replay").then().statusCode(200);
            assertThat(topic.drain(Duration.ofSeconds(2)))
                    .filteredOn(r -> customer.equals(r.key()))
                    .hasSize(1);
        }
        data.awaitSummary("store=" + store, "visits", 1);
        TestData.admin().post("/api/v1/dead-letters/frames/replay").then().statusCode(404);
        given().post("/api/v1/dead-letters/visits/replay").then().statusCode(401);
    }

    private static double waitingMetric() {
        Matcher matcher = WAITING.matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
