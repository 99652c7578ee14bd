package io.storesight.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;

/**
 * The writer side of the transactional outbox: an event is inserted in the transaction of the change it reports, so
 * a committed change always has its event and a rolled-back one never does. The relay publishes it after the commit
 * (the {@link io.storesight.common.persistence.Writer} wakes it). Event ids must derive from the change (a visit id
 * and what happened to it, an order id and its state), so that a change replayed after a crash yields the same id and
 * consumers skip it.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxRepository outbox;

    public Outbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    /** Must run inside the transaction of the change. */
    public void add(String topic, String key, Event event) {
        outbox.add(event.eventId(), event.typeName(), topic, key, EventJson.toJson(event), System.currentTimeMillis());
    }

    /**
     * Forgets every event of {@code key} on {@code topic}: those not published yet never will be, and the copies of
     * those already sent go too (erasure: nothing about an erased person may stay or leave).
     */
    public int forget(String topic, String key) {
        return outbox.delete(topic, key);
    }

    /**
     * Forgets every event on {@code topic} whose JSON contains {@code text} (erasure, for a topic keyed by something
     * else than the person, e.g. by camera).
     */
    public int forgetMentioning(String topic, String text) {
        return outbox.deleteMentioning(topic, text);
    }
}
