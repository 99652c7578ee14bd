package io.storesight.common.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Jdbc;

/**
 * The {@code outbox} table every publishing service has (same columns everywhere, created by a migration of each
 * service): {@code seq} (commit order), {@code event_id} (unique), {@code event_type}, {@code topic},
 * {@code msg_key}, {@code payload}, {@code created_at} and {@code sent_at} (epoch ms; null until the broker
 * acknowledged the row).
 */
@ApplicationScoped
public class OutboxRepository {
    /** One row to publish. */
    public record Row(
            long seq, String eventId, String eventType, String topic, String key, String payload, long createdAt) {}

    /** Unsent rows and the creation time of the oldest (null when none). */
    public record Backlog(long pending, Long oldestCreatedAt) {}

    private final Jdbc jdbc;

    public OutboxRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Ignores an event id already in the outbox: ids derive from the change, so a repeat is the same event. */
    public void add(String eventId, String eventType, String topic, String key, String payload, long createdAt) {
        jdbc.update(
                "INSERT OR IGNORE INTO outbox (event_id, event_type, topic, msg_key, payload, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                eventId,
                eventType,
                topic,
                key,
                payload,
                createdAt);
    }

    /** The oldest unsent rows, in commit order. */
    public List<Row> pending(int limit) {
        return jdbc.query(
                "SELECT seq, event_id, event_type, topic, msg_key, payload, created_at FROM outbox "
                        + "WHERE sent_at IS NULL ORDER BY seq LIMIT ?",
                row -> new Row(
                        row.getLong(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getLong(7)),
                limit);
    }

    /** Marks the rows up to and including {@code seq} sent (the relay sends in order). */
    public void markSentUpTo(long seq, long at) {
        jdbc.update("UPDATE outbox SET sent_at = ? WHERE seq <= ? AND sent_at IS NULL", at, seq);
    }

    /** Deletes every row of a topic and key, sent or not. */
    public int delete(String topic, String key) {
        return jdbc.update("DELETE FROM outbox WHERE topic = ? AND msg_key = ?", topic, key);
    }

    /** Deletes every row of a topic whose payload contains {@code text}, sent or not. */
    public int deleteMentioning(String topic, String text) {
        return jdbc.update("DELETE FROM outbox WHERE topic = ? AND instr(payload, ?) > 0", topic, text);
    }

    public int purgeSent(long sentBefore, int limit) {
        return jdbc.purge("outbox", "sent_at", sentBefore, limit, "sent_at IS NOT NULL");
    }

    public Backlog backlog() {
        return jdbc.queryOne(
                        "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL",
                        row -> new Backlog(row.getLong(1), Jdbc.nullableLong(row, 2)))
                .orElseThrow();
    }
}
