package io.storesight.contracts;

import java.time.Instant;

/**
 * Presence on {@code visits}: of a known customer (key: customer id), or of a visitor nobody recognised (key: the
 * pass's visit id). A sighting is presence at one camera; a visit is presence in the store (absent from every camera
 * for longer than the absence threshold ends it). An {@code ANONYMOUS_VISIT} is one whole pass of a person who was
 * not identified (unknown, or never seen well enough to tell): it counts in footfall with the demographics estimated
 * from the pass, and carries no customer, tier or visit number. Pseudonymous: no descriptors, no images.
 */
public record VisitEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        @OptionalField @IdField String customerId,
        @IdField String visitId,
        @OptionalField @IdField String sightingId,
        @IdField String storeId,
        @OptionalField @IdField String cameraId,
        @OptionalField String cameraRole,
        int visitNumber,
        boolean newCustomer,
        @OptionalField String tier,
        boolean vip,
        @OptionalField String ageBand,
        @OptionalField String gender,
        Instant startedAt,
        @OptionalField Instant endedAt,
        @OptionalField Double dwellSeconds) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        SIGHTING_STARTED, SIGHTING_ENDED, VISIT_STARTED, VISIT_ENDED, ANONYMOUS_VISIT
    }

    /**
     * One pass of a person nobody recognised, from {@code startedAt} to {@code endedAt} at {@code cameraId}. The
     * event id derives from the pass, so a replay yields the same id.
     */
    public static VisitEvent anonymousVisit(String passId, String storeId, String cameraId, String cameraRole,
            String ageBand, String gender, Instant startedAt, Instant endedAt) {
        return new VisitEvent("visitor-" + passId, Type.ANONYMOUS_VISIT, SCHEMA_VERSION, endedAt, null,
                "visitor-" + passId, null, storeId, cameraId, cameraRole, 0, false, null, false, ageBand, gender,
                startedAt, endedAt, (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
    }

    @Override
    public void checkFields() {
        if (identified() && (customerId == null || tier == null)) {
            throw new InvalidEventException("missing required field '" + (customerId == null ? "customerId" : "tier")
                    + "' in VisitEvent of type " + type);
        }
    }

    /** Whether the event is about a known customer (every type but {@link Type#ANONYMOUS_VISIT}). */
    public boolean identified() {
        return type != Type.ANONYMOUS_VISIT;
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
