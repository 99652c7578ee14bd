package io.storesight.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Identity changes on {@code customer-events} (key: customer id) that read models must follow: erasure reaches every
 * copy, a merge re-points rows from {@code mergedCustomerId} to {@code customerId}, a split moves the listed visits
 * and sightings from {@code splitFromCustomerId} to the new {@code customerId}, an update carries tier/label/VIP,
 * demographics and the staff flag. A profile's {@code staff} is true for the store's own staff, whom reports leave
 * out entirely (footfall, shares, tiers, leaderboards, order attribution) for as long as it stays true; absent in
 * events written before the flag existed, meaning unchanged. Event ids derive from the change, so a replayed change
 * yields the same id.
 */
public record CustomerEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        @IdField String customerId,
        @OptionalField @IdField String mergedCustomerId,
        @OptionalField String tier,
        @OptionalField String label,
        @OptionalField Boolean vip,
        @OptionalField String ageBand,
        @OptionalField String gender,
        @OptionalField String reason,
        @OptionalField @IdField String splitFromCustomerId,
        @OptionalField @IdField List<String> visitIds,
        @OptionalField @IdField List<String> sightingIds,
        @OptionalField Boolean staff)
        implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        CUSTOMER_ERASED,
        CUSTOMERS_MERGED,
        CUSTOMER_UPDATED,
        CUSTOMER_SPLIT
    }

    /** What a customer is now, as read models show it. */
    public record Profile(String tier, String label, boolean vip, String ageBand, String gender, boolean staff) {}

    public CustomerEvent {
        visitIds = visitIds == null ? null : List.copyOf(visitIds);
        sightingIds = sightingIds == null ? null : List.copyOf(sightingIds);
    }

    /** Version {@code version} of the customer's profile. */
    public static CustomerEvent updated(String customerId, int version, Profile profile, Instant at) {
        return of(
                "customer-" + customerId + "-v" + version,
                Type.CUSTOMER_UPDATED,
                at,
                customerId,
                null,
                profile,
                null,
                null,
                null,
                null);
    }

    public static CustomerEvent erased(String customerId, String reason, Instant at) {
        return of(
                "customer-" + customerId + "-erased",
                Type.CUSTOMER_ERASED,
                at,
                customerId,
                null,
                null,
                reason,
                null,
                null,
                null);
    }

    /** {@code mergedId} was folded into {@code survivorId}, whose profile is now {@code profile}. */
    public static CustomerEvent merged(String survivorId, String mergedId, Profile profile, String reason, Instant at) {
        return of(
                "customer-" + mergedId + "-merged-into-" + survivorId,
                Type.CUSTOMERS_MERGED,
                at,
                survivorId,
                mergedId,
                profile,
                reason,
                null,
                null,
                null);
    }

    /** The visits (with their sightings) that were not {@code sourceId} became the new customer {@code newId}. */
    public static CustomerEvent split(
            String newId,
            String sourceId,
            List<String> visitIds,
            List<String> sightingIds,
            Profile profile,
            String reason,
            Instant at) {
        return of(
                "customer-" + newId + "-split-from-" + sourceId,
                Type.CUSTOMER_SPLIT,
                at,
                newId,
                null,
                profile,
                reason,
                sourceId,
                visitIds,
                sightingIds);
    }

    private static CustomerEvent of(
            String eventId,
            Type type,
            Instant at,
            String customerId,
            String mergedId,
            Profile p,
            String reason,
            String splitFrom,
            List<String> visitIds,
            List<String> sightingIds) {
        return new CustomerEvent(
                eventId,
                type,
                SCHEMA_VERSION,
                at,
                customerId,
                mergedId,
                p == null ? null : p.tier(),
                p == null ? null : p.label(),
                p == null ? null : p.vip(),
                p == null ? null : p.ageBand(),
                p == null ? null : p.gender(),
                reason,
                splitFrom,
                visitIds,
                sightingIds,
                p == null ? null : p.staff());
    }

    @Override
    public void checkFields() {
        if (type == Type.CUSTOMERS_MERGED && mergedCustomerId == null) {
            throw new InvalidEventException("CUSTOMERS_MERGED " + eventId + " has no mergedCustomerId");
        }
        if (type == Type.CUSTOMER_SPLIT && (splitFromCustomerId == null || visitIds == null || sightingIds == null)) {
            throw new InvalidEventException(
                    "CUSTOMER_SPLIT " + eventId + " needs splitFromCustomerId, visitIds and sightingIds");
        }
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
