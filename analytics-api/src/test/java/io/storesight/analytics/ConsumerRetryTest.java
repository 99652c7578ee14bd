package io.storesight.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.analytics.messaging.VisitsConsumer;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.KafkaTestClient.TopicReader;
import io.storesight.testsupport.Slow;

/**
 * A transient failure is retried, never dead-lettered: another connection holds analytics.db's write lock while
 * visits arrive, so every batch fails with SQLITE_BUSY until it lets go.
 */
@QuarkusTest
@Slow
class ConsumerRetryTest {
    @Inject
    DataSource dataSource;

    @Inject
    InPlaceRetry retry;

    @Test
    void aLockedDatabaseIsWaitedOutAndEveryEventAppliesOnceWithNothingDeadLettered() throws Exception {
        String store = "busy-" + UUID.randomUUID();
        TestData data = new TestData(store);
        Instant at = Instant.parse("2026-03-03T10:00:00Z");
        List<VisitEvent> visits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String customer = data.customer();
            visits.add(data.visitStarted(customer, "v-" + customer, at.plusSeconds(i), "20-29", "FEMALE", "NEW"));
        }
        Set<String> keys =
                Set.copyOf(visits.stream().map(VisitEvent::customerId).toList());
        try (TopicReader dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.VISITS))) {
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + FreshDatabase.PATH);
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 60000");
                statement.execute("BEGIN IMMEDIATE");
                visits.forEach(v -> KafkaTestClient.send(Topics.VISITS, v.customerId(), EventJson.toJson(v)));
                TestData.await(() -> retry.failing().containsKey(VisitsConsumer.NAME));
                TestData.await(() -> given().get("/q/health/ready").statusCode() == 503);
                assertThat(given().get("/q/health/ready").asString()).contains(VisitsConsumer.NAME);
                statement.execute("COMMIT");
            }
            data.awaitSummary("store=" + store, "visits", visits.size());
            for (VisitEvent visit : visits) {
                assertThat(processed(VisitsConsumer.NAME + ":" + visit.eventId()))
                        .isEqualTo(1);
            }
            assertThat(dlq.drain(Duration.ofSeconds(2))).noneMatch(r -> keys.contains(r.key()));
        }
        TestData.await(() -> given().get("/q/health/ready").statusCode() == 200);
        assertThat(retry.failing()).doesNotContainKey(VisitsConsumer.NAME);
    }

    private long processed(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
