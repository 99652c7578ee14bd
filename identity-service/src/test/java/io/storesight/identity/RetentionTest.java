package io.storesight.identity;

import static io.storesight.identity.IdentityTestSupport.awaitProcessed;
import static io.storesight.identity.IdentityTestSupport.camera;
import static io.storesight.identity.IdentityTestSupport.customerIds;
import static io.storesight.identity.IdentityTestSupport.eraseEveryCustomer;
import static io.storesight.identity.IdentityTestSupport.sendFrames;
import static io.storesight.testsupport.Db.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.service.CustomerService;
import io.storesight.identity.service.ObservationService;
import io.storesight.identity.service.PresenceSweeper;
import io.storesight.identity.service.RetentionJob;

/** Retention reaches the history of customers who keep coming, and the log of processed observations. */
@QuarkusTest
class RetentionTest {
    @Inject
    DataSource dataSource;

    @Inject
    CustomerService customers;

    @Inject
    PresenceSweeper sweeper;

    @Inject
    RetentionJob retention;

    @Inject
    IdentityConfig config;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void reset() {
        eraseEveryCustomer(dataSource, customers);
    }

    @Test
    void logsAndEndedVisitsOlderThanTheRetentionGoWhileTheCustomerStays() {
        String cam = camera("entrance");
        String store = camera("store");
        RealFaces.Person person = RealFaces.clear().get(6);
        awaitProcessed(dataSource, sendFrames(cam, store, t0, 300, 4, person));
        String id = customerIds(dataSource).get(0);
        sweeper.sweep(System.currentTimeMillis() + config.presence().sweepLag().toMillis() + 60_000);
        String oldVisit = oneValue("SELECT id FROM visits WHERE customer_id = ? AND ended_at IS NOT NULL", id);
        // That visit was long ago: older than the retention period.
        long age = config.retention().plusDays(1).toMillis();
        execute(
                "UPDATE visits SET started_at = started_at - ?, last_seen_at = last_seen_at - ?, "
                        + "ended_at = ended_at - ? WHERE id = ?",
                age,
                age,
                age,
                oldVisit);
        execute(
                "UPDATE sightings SET started_at = started_at - ?, last_seen_at = last_seen_at - ?, "
                        + "ended_at = ended_at - ? WHERE visit_id = ?",
                age,
                age,
                age,
                oldVisit);
        execute("UPDATE customer_logs SET timestamp = timestamp - ? WHERE customer_id = ?", age, id);
        // ... and the customer is back today.
        awaitProcessed(dataSource, sendFrames(cam, store, t0.plusSeconds(120), 300, 2, person));
        assertThat(count(dataSource, "SELECT COUNT(*) FROM visits WHERE customer_id = ?", id))
                .isEqualTo(2);

        long now = System.currentTimeMillis();
        execute(
                "INSERT INTO processed_events (event_id, consumer, processed_at, processed_ms) VALUES "
                        + "('test:old', 'test', 'then', ?), ('test:recent', 'test', 'now', ?)",
                now - config.processedEventsRetention().plusMinutes(1).toMillis(),
                now);

        RetentionJob.Pass pass = retention.run(Instant.now());

        assertThat(pass.erasedCustomers()).isZero();
        assertThat(customerIds(dataSource)).containsExactly(id);
        assertThat(pass.endedVisits()).isEqualTo(1);
        assertThat(count(dataSource, "SELECT COUNT(*) FROM visits WHERE id = ?", oldVisit))
                .isZero();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM sightings WHERE visit_id = ?", oldVisit))
                .isZero();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM visits WHERE customer_id = ?", id))
                .isEqualTo(1);
        long cutoff = Instant.now().minus(config.retention()).toEpochMilli();
        assertThat(pass.logEntries()).isPositive();
        assertThat(count(
                        dataSource,
                        "SELECT COUNT(*) FROM customer_logs WHERE customer_id = ? AND timestamp < ?",
                        id,
                        cutoff))
                .isZero();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM customer_logs WHERE customer_id = ?", id))
                .isPositive();
        assertThat(pass.processedEvents()).isPositive();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM processed_events WHERE event_id = 'test:old'"))
                .isZero();
        assertThat(count(dataSource, "SELECT COUNT(*) FROM processed_events WHERE event_id = 'test:recent'"))
                .isEqualTo(1);
        assertThat(count(
                        dataSource,
                        "SELECT COUNT(*) FROM processed_events WHERE consumer = ?",
                        ObservationService.CONSUMER))
                .as("what face-observations can still redeliver is kept")
                .isPositive();
    }

    private String oneValue(String sql, String param) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, param);
            var rows = s.executeQuery();
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
