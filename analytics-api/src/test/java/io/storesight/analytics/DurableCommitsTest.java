package io.storesight.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.analytics.config.AnalyticsConfig;
import io.storesight.analytics.service.Housekeeping;
import io.storesight.testsupport.SqliteSettings;

/** What analytics has applied survives a power cut, and its log of applied events is purged on schedule. */
@QuarkusTest
class DurableCommitsTest {
    @Inject
    DataSource dataSource;

    @Inject
    Housekeeping housekeeping;

    @Inject
    AnalyticsConfig config;

    @Test
    void commitsAreOnDiskBeforeTheConsumerCommitsItsOffsets() {
        assertThat(SqliteSettings.of(dataSource)).isEqualTo(SqliteSettings.DURABLE);
    }

    @Test
    void idsOlderThanTheTopicsCanRedeliverArePurgedOnSchedule() throws Exception {
        assertThat(Housekeeping.class.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Scheduled.class));
        long now = System.currentTimeMillis();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO processed_events (event_id, consumer, processed_at, processed_ms) VALUES (?, 'test', '', ?)")) {
            s.setString(1, "test:old");
            s.setLong(2, now - config.processedEventsRetention().plusMinutes(1).toMillis());
            s.executeUpdate();
            s.setString(1, "test:recent");
            s.setLong(2, now);
            s.executeUpdate();
        }
        assertThat(housekeeping.purge()).isPositive();
        assertThat(ids("test:old")).isZero();
        assertThat(ids("test:recent")).isEqualTo(1);
    }

    private long ids(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM processed_events WHERE event_id = ?")) {
            s.setString(1, id);
            var rows = s.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }
}
