package io.storesight.identity;

import static io.restassured.RestAssured.given;
import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.eraseEveryCustomer;
import static io.storesight.identity.IdentityTestSupport.frame;
import static io.storesight.identity.IdentityTestSupport.send;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.ObservationService;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.testsupport.Slow;

/**
 * A transient failure is retried, never dead-lettered: another connection holds identity.db's write lock (as a
 * backup tool or an operator's sqlite3 shell would) while observations arrive, so every write fails with SQLITE_BUSY
 * until it lets go.
 */
@QuarkusTest
@Slow
class ConsumerRetryTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    InPlaceRetry retry;

    @ConfigProperty(name = "storesight.database.path")
    String database;

    @BeforeEach
    void reset() {
        eraseEveryCustomer(dataSource, customers);
    }

    @Test
    void aLockedDatabaseIsWaitedOutAndEveryObservationAppliesOnceWithNothingDeadLettered() throws Exception {
        String cam = camera("entrance");
        String store = camera("store");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RealFaces.Person person = RealFaces.clear().get(2);
        List<FaceObservationEvent> events = new ArrayList<>();
        try (TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.FACE_OBSERVATIONS))) {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database);
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 60000");
                statement.execute("BEGIN IMMEDIATE");
                for (int i = 0; i < 4; i++) {
                    FaceObservationEvent event = frame(cam, store, t0.plusMillis(300L * i), List.of(person.view(i)));
                    events.add(event);
                    send(event);
                }
                await(
                        () -> retry.failing().containsKey(ObservationService.CONSUMER),
                        "the consumer to hit SQLITE_BUSY");
                await(() -> given().get("/q/health/ready").statusCode() == 503, "readiness to report it stuck");
                assertThat(given().get("/q/health/ready").asString()).contains(ObservationService.CONSUMER);
                statement.execute("COMMIT");
            }
            for (FaceObservationEvent event : events) {
                awaitProcessed(dataSource, event);
            }
            for (FaceObservationEvent event : events) {
                assertThat(count(
                                dataSource,
                                "SELECT COUNT(*) FROM processed_events WHERE event_id = ?",
                                ObservationService.CONSUMER + ":" + event.eventId()))
                        .isEqualTo(1);
            }
            List<String> ids = customerIds(dataSource);
            assertThat(ids).hasSize(1);
            assertThat(count(dataSource, "SELECT COUNT(*) FROM visits WHERE customer_id = ?", ids.get(0)))
                    .isEqualTo(1);
            assertThat(count(dataSource, "SELECT SUM(frames) FROM sightings WHERE customer_id = ?", ids.get(0)))
                    .isEqualTo(events.size());
            assertThat(dlq.drain(Duration.ofSeconds(2))).noneMatch(r -> cam.equals(r.key()));
        }
        await(() -> given().get("/q/health/ready").statusCode() == 200, "readiness to recover");
        assertThat(retry.failing()).doesNotContainKey(ObservationService.CONSUMER);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
