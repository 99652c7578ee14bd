package io.storesight.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The message log that makes consumers idempotent (the Debezium outbox example's pattern): inside the consumer's
 * transaction, {@link #firstDelivery} records the event id and says whether it was new. A redelivered event finds its
 * id and is skipped; a rolled-back transaction leaves no id behind, so the event is retried.
 *
 * <p>
 * Every service with a consumer has the table in its first migration:
 * {@code CREATE TABLE processed_events (event_id TEXT PRIMARY KEY, consumer TEXT NOT NULL, processed_at TEXT NOT NULL)}.
 */
@ApplicationScoped
public class ProcessedEvents {
    private final DataSource dataSource;

    public ProcessedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Must run inside the transaction that applies the event's effects. */
    public boolean firstDelivery(String eventId, String consumer) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT OR IGNORE INTO processed_events (event_id, consumer, processed_at) VALUES (?, ?, ?)")) {
            insert.setString(1, consumer + ":" + eventId);
            insert.setString(2, consumer);
            insert.setString(3, Instant.now().toString());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record processed event " + eventId, e);
        }
    }
}
