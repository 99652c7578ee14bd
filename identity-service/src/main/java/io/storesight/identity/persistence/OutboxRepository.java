package io.storesight.identity.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.Topics;

/**
 * The transactional outbox: an event is inserted in the transaction that makes the change it reports, so a committed
 * change always has its event and a rolled-back one never does. The relay deletes rows once Kafka acknowledged them.
 */
@ApplicationScoped
public class OutboxRepository {
    /** One pending event. */
    public record Entry(long seq, String eventId, String topic, String key, String payload) {
    }

    private final Jdbc jdbc;

    public OutboxRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Ignores an event id already pending: event ids are derived from state, so a repeat is the same event. */
    public void add(String topic, String key, Event event, long now) {
        jdbc.update("INSERT OR IGNORE INTO outbox (event_id, topic, msg_key, payload, created_at) VALUES (?,?,?,?,?)",
                event.eventId(), topic, key, EventJson.toJson(event), now);
    }

    public List<Entry> next(int limit) {
        return jdbc.query("SELECT seq, event_id, topic, msg_key, payload FROM outbox ORDER BY seq LIMIT ?",
                row -> new Entry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5)),
                limit);
    }

    public void deleteUpTo(long seq) {
        jdbc.update("DELETE FROM outbox WHERE seq <= ?", seq);
    }

    /** Erasure: a visit event not yet relayed must not carry an erased customer anywhere. */
    public void deleteVisitEventsOf(String customerId) {
        jdbc.update("DELETE FROM outbox WHERE topic = ? AND msg_key = ?", Topics.VISITS, customerId);
    }

    public long pending() {
        return jdbc.count("SELECT COUNT(*) FROM outbox");
    }
}
