package io.storesight.sales.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/** The transactional outbox: rows written with the order, read and marked sent by the relay. */
@ApplicationScoped
public class OutboxRepository {
    private final DataSource dataSource;

    public OutboxRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record OutboxRow(long id, String eventId, String eventType, String topic, String key, String payload,
            Instant createdAt) {
    }

    /** Unsent rows and the age of the oldest: what the relay still owes the topic. */
    public record Backlog(long pending, Instant oldestCreatedAt) {
    }

    /** Must run inside the transaction that writes the order, so both commit or neither does. */
    public void add(String eventId, String eventType, String topic, String key, String payload, Instant createdAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (event_id, event_type, topic, message_key, payload, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, eventId);
            ps.setString(2, eventType);
            ps.setString(3, topic);
            ps.setString(4, key);
            ps.setString(5, payload);
            ps.setLong(6, createdAt.toEpochMilli());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("write outbox event " + eventId, e);
        }
    }

    /** The oldest unsent rows, in commit order (so an order's PLACED always precedes its CANCELLED). */
    public List<OutboxRow> pending(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, event_id, event_type, topic, message_key, payload, created_at FROM outbox "
                        + "WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("read the outbox", e);
        }
    }

    public void markSent(List<Long> ids, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = ? WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("mark outbox rows sent", e);
        }
    }

    public Backlog backlog() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long pending = rs.getLong(1);
            long oldest = rs.getLong(2);
            return new Backlog(pending, rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
        } catch (SQLException e) {
            throw Jdbc.failure("measure the outbox backlog", e);
        }
    }
}
