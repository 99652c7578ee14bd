package io.storesight.identity.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.Customer;
import io.storesight.identity.Sighting;
import io.storesight.identity.Tier;
import io.storesight.identity.Visit;
import io.storesight.identity.persistence.OutboxRepository;

/**
 * Writes the events of a change into the outbox, inside the change's transaction. Event ids derive from the state
 * they report (visit id + type, customer id + version), so a replayed change yields the same ids and consumers that
 * deduplicate by event id never count it twice.
 */
@ApplicationScoped
public class Outbox {
    private final OutboxRepository outbox;

    public Outbox(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    public void visitStarted(Customer c, Visit v, Sighting first) {
        visit(VisitEvent.Type.VISIT_STARTED, "visit-" + v.id() + "-started", c, v, first, v.startedAt(), null);
    }

    public void visitEnded(Customer c, Visit v, long endedAt) {
        visit(VisitEvent.Type.VISIT_ENDED, "visit-" + v.id() + "-ended", c, v, null, endedAt, endedAt);
    }

    public void sightingStarted(Customer c, Visit v, Sighting s) {
        visit(VisitEvent.Type.SIGHTING_STARTED, "sighting-" + s.id() + "-started", c, v, s, s.startedAt(), null);
    }

    public void sightingEnded(Customer c, Visit v, Sighting s, long endedAt) {
        visit(VisitEvent.Type.SIGHTING_ENDED, "sighting-" + s.id() + "-ended", c, v, s, endedAt, endedAt);
    }

    public void customerUpdated(Customer c) {
        customer(CustomerEvent.Type.CUSTOMER_UPDATED, "customer-" + c.id() + "-v" + c.version(), c, null, null);
    }

    public void customerErased(String customerId, String reason) {
        outbox.add(Topics.CUSTOMER_EVENTS, customerId, new CustomerEvent("customer-" + customerId + "-erased",
                CustomerEvent.Type.CUSTOMER_ERASED, CustomerEvent.SCHEMA_VERSION, Instant.now(), customerId, null,
                null, null, null, null, null, reason), System.currentTimeMillis());
    }

    public void customersMerged(Customer target, String mergedId) {
        customer(CustomerEvent.Type.CUSTOMERS_MERGED, "customer-" + mergedId + "-merged-into-" + target.id(), target,
                mergedId, "merged by admin");
    }

    private void customer(CustomerEvent.Type type, String eventId, Customer c, String mergedId, String reason) {
        outbox.add(Topics.CUSTOMER_EVENTS, c.id(), new CustomerEvent(eventId, type, CustomerEvent.SCHEMA_VERSION,
                Instant.now(), c.id(), mergedId, c.tier().name(), c.label(), c.vip(), c.ageBand(), c.gender(),
                reason), System.currentTimeMillis());
    }

    private void visit(VisitEvent.Type type, String eventId, Customer c, Visit v, Sighting s, long time,
            Long endedAt) {
        long start = s != null && type.name().startsWith("SIGHTING") ? s.startedAt() : v.startedAt();
        Double dwell = endedAt == null ? null : (endedAt - start) / 1000.0;
        VisitEvent event = new VisitEvent(eventId, type, VisitEvent.SCHEMA_VERSION, Instant.ofEpochMilli(time),
                c.id(), v.id(), s == null ? null : s.id(), v.storeId(), s == null ? null : s.cameraId(),
                s == null ? null : s.cameraRole(), v.visitNumber(), v.visitNumber() == 1, c.tier().name(),
                c.tier() == Tier.VIP, c.ageBand(), c.gender(), Instant.ofEpochMilli(start),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt), dwell);
        outbox.add(Topics.VISITS, c.id(), event, System.currentTimeMillis());
    }

    public void dropPendingVisitEvents(String customerId) {
        outbox.deleteVisitEventsOf(customerId);
    }
}
