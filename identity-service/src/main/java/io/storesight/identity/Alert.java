package io.storesight.identity;

import java.time.Instant;

/**
 * A customer the store wants to know about has arrived: a VIP, or a customer on the watch list. The id derives from
 * the visit, so the same arrival is the same alert however often it is delivered (receivers deduplicate by it).
 * Pseudonymous like the visit events: customer id, label, tier; no face, no descriptor.
 */
public record Alert(
        String id,
        Kind kind,
        String customerId,
        String label,
        String tier,
        boolean vip,
        String storeId,
        String camera,
        Instant at) {

    public enum Kind {
        VIP_ARRIVED,
        WATCHED_ARRIVED
    }

    /**
     * The alert of a visit's start, or null when the customer is neither watched nor a VIP. A watched customer is
     * the stronger reason to look up: a watched VIP arrives as watched.
     */
    public static Alert ofVisitStart(Customer c, boolean watched, Visit visit, String camera) {
        Kind kind = watched ? Kind.WATCHED_ARRIVED : c.tier() == Tier.VIP ? Kind.VIP_ARRIVED : null;
        if (kind == null) {
            return null;
        }
        return new Alert(
                "alert-" + visit.id(),
                kind,
                c.id(),
                c.label(),
                c.tier().name(),
                c.tier() == Tier.VIP,
                visit.storeId(),
                camera,
                Instant.ofEpochMilli(visit.startedAt()));
    }
}
