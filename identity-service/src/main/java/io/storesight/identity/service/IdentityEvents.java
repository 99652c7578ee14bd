package io.storesight.identity.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.outbox.Outbox;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.Customer;
import io.storesight.identity.Sighting;
import io.storesight.identity.Tier;
import io.storesight.identity.Track;
import io.storesight.identity.Visit;

/**
 * The events of identity's changes, written into the outbox inside the change's transaction. Event ids derive from
 * the state they report (visit id + type, customer id + version, track id), so a replayed change yields the same ids
 * and consumers that deduplicate by event id never count it twice.
 */
@ApplicationScoped
public class IdentityEvents {
    private final Outbox outbox;

    public IdentityEvents(Outbox outbox) {
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

    /** A pass of a person nobody recognised: footfall without a customer. */
    public void anonymousVisit(Track track) {
        VisitEvent event = VisitEvent.anonymousVisit(
                track.id(),
                track.place().storeId(),
                track.place().cameraId(),
                track.place().cameraRole(),
                track.demographics().ageBand(),
                track.demographics().gender(),
                Instant.ofEpochMilli(track.startedAt()),
                Instant.ofEpochMilli(track.lastSeenAt()));
        outbox.add(Topics.VISITS, event.visitId(), event);
    }

    /** Who each face of a processed frame is (keyed by camera, so a camera's frames stay in order). */
    public void facesIdentified(FaceIdentityEvent event) {
        outbox.add(Topics.FACE_IDENTITIES, event.camera(), event);
    }

    public void customerUpdated(Customer c) {
        outbox.add(
                Topics.CUSTOMER_EVENTS, c.id(), CustomerEvent.updated(c.id(), c.version(), profile(c), Instant.now()));
    }

    public void customerErased(String customerId, String reason) {
        outbox.add(Topics.CUSTOMER_EVENTS, customerId, CustomerEvent.erased(customerId, reason, Instant.now()));
    }

    public void customersMerged(Customer target, String mergedId) {
        outbox.add(
                Topics.CUSTOMER_EVENTS,
                target.id(),
                CustomerEvent.merged(target.id(), mergedId, profile(target), "merged by admin", Instant.now()));
    }

    /**
     * Keyed by the source customer, so that read models see the split after every earlier event of the source and
     * before the source's profile update that follows it.
     */
    public void customerSplit(Customer created, String sourceId, List<String> visitIds, List<String> sightingIds) {
        outbox.add(
                Topics.CUSTOMER_EVENTS,
                sourceId,
                CustomerEvent.split(
                        created.id(),
                        sourceId,
                        visitIds,
                        sightingIds,
                        profile(created),
                        "split by admin",
                        Instant.now()));
    }

    private static CustomerEvent.Profile profile(Customer c) {
        return new CustomerEvent.Profile(c.tier().name(), c.label(), c.vip(), c.ageBand(), c.gender(), c.staff());
    }

    private void visit(VisitEvent.Type type, String eventId, Customer c, Visit v, Sighting s, long time, Long endedAt) {
        long start = s != null && type.name().startsWith("SIGHTING") ? s.startedAt() : v.startedAt();
        Double dwell = endedAt == null ? null : (endedAt - start) / 1000.0;
        VisitEvent event = new VisitEvent(
                eventId,
                type,
                VisitEvent.SCHEMA_VERSION,
                Instant.ofEpochMilli(time),
                c.id(),
                v.id(),
                s == null ? null : s.id(),
                v.storeId(),
                s == null ? null : s.cameraId(),
                s == null ? null : s.cameraRole(),
                v.visitNumber(),
                v.visitNumber() == 1,
                c.tier().name(),
                c.tier() == Tier.VIP,
                c.ageBand(),
                c.gender(),
                Instant.ofEpochMilli(start),
                endedAt == null ? null : Instant.ofEpochMilli(endedAt),
                dwell);
        outbox.add(Topics.VISITS, c.id(), event);
    }

    /**
     * Erasure: no event about the customer leaves after it (a visit, a label in a profile update), and the outbox
     * keeps no copy of those already sent.
     */
    public void forgetCustomer(String customerId) {
        outbox.forget(Topics.VISITS, customerId);
        outbox.forget(Topics.CUSTOMER_EVENTS, customerId);
        outbox.forgetMentioning(Topics.FACE_IDENTITIES, "\"customerId\":\"" + customerId + "\"");
    }
}
