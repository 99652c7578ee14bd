package io.storesight.identity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;

/** The {@code alerts} table: arrival alerts in commit order ({@code seq}) and their webhook delivery state. */
@ApplicationScoped
public class AlertRepository {
    /** One stored alert: its JSON as sent, and how often the webhook was tried. */
    public record Row(long seq, String id, String payload, int attempts) {}

    private final Jdbc jdbc;

    public AlertRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Ignores an alert id already stored: the same visit start replayed is the same alert. */
    public void insert(String id, String customerId, String payload, long createdAt, boolean delivered) {
        jdbc.update(
                "INSERT OR IGNORE INTO alerts (id, customer_id, payload, created_at, delivered_at, "
                        + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                customerId,
                payload,
                createdAt,
                delivered ? createdAt : null,
                createdAt);
    }

    /** The alerts committed after {@code seq}, in commit order. */
    public List<Row> after(long seq, int limit) {
        return jdbc.query(
                "SELECT seq, id, payload, attempts FROM alerts WHERE seq > ? ORDER BY seq LIMIT ?",
                AlertRepository::map,
                seq,
                limit);
    }

    public long lastSeq() {
        return jdbc.count("SELECT COALESCE(MAX(seq), 0) FROM alerts");
    }

    /** Undelivered alerts whose next webhook attempt is due, oldest first. */
    public List<Row> due(long now, int limit) {
        return jdbc.query(
                "SELECT seq, id, payload, attempts FROM alerts WHERE delivered_at IS NULL "
                        + "AND next_attempt_at <= ? ORDER BY seq LIMIT ?",
                AlertRepository::map,
                now,
                limit);
    }

    /** When the next undelivered alert is due (null when none waits). */
    public Long nextDue() {
        return jdbc
                .query(
                        "SELECT next_attempt_at FROM alerts WHERE delivered_at IS NULL "
                                + "ORDER BY next_attempt_at LIMIT 1",
                        row -> row.getLong(1))
                .stream()
                .findFirst()
                .orElse(null);
    }

    public void delivered(String id, long at) {
        jdbc.update(
                "UPDATE alerts SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?", at, id);
    }

    public void failed(String id, long nextAttemptAt, String error) {
        jdbc.update(
                "UPDATE alerts SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                nextAttemptAt,
                error,
                id);
    }

    /** Erasure: no alert of the customer stays or leaves. */
    public int deleteOfCustomer(String customerId) {
        return jdbc.update("DELETE FROM alerts WHERE customer_id = ?", customerId);
    }

    /** Delivered alerts created before {@code before} go (they name a customer and a time). */
    public int purgeDelivered(long before, int limit) {
        return jdbc.purge("alerts", "created_at", before, limit, "delivered_at IS NOT NULL");
    }

    private static Row map(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Row(row.getLong(1), row.getString(2), row.getString(3), row.getInt(4));
    }
}
