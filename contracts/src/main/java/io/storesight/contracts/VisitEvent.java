package io.storesight.contracts;

import java.time.Instant;

/**
 * Presence on {@code visits}: of a known customer (key: customer id), or of a visitor nobody recognised (key: the
 * pass's visit id). A sighting is presence at one camera; a visit is presence in the store (absent from every camera
 * for longer than the absence threshold ends it). An {@code ANONYMOUS_VISIT} is one whole pass of a person who was
 * not identified (unknown, or never seen well enough to tell): it counts in footfall with the demographics estimated
 * from the pass, and carries no customer, tier or visit number. An {@code OCCUPANCY} (key: {@code occupancy-<store>})
 * is how many people are inside a store at {@code timestamp}: {@code inside} = {@code customers} (open visits) +
 * {@code visitors} (people at the entrance nobody has recognised yet); it carries no visit, customer or camera.
 * Pseudonymous: no descriptors, no images.
 */
public record VisitEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        @OptionalField @IdField String customerId,
        @OptionalField @IdField String visitId,
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
        @OptionalField Instant startedAt,
        @OptionalField Instant endedAt,
        @OptionalField Double dwellSeconds,
        @OptionalField Integer inside,
        @OptionalField Integer customers,
        @OptionalField Integer visitors)
        implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        SIGHTING_STARTED,
        SIGHTING_ENDED,
        VISIT_STARTED,
        VISIT_ENDED,
        ANONYMOUS_VISIT,
        OCCUPANCY
    }

    /** Presence of a customer or a visitor: every field but the occupancy counts. */
    public VisitEvent(
            String eventId,
            Type type,
            int schemaVersion,
            Instant timestamp,
            String customerId,
            String visitId,
            String sightingId,
            String storeId,
            String cameraId,
            String cameraRole,
            int visitNumber,
            boolean newCustomer,
            String tier,
            boolean vip,
            String ageBand,
            String gender,
            Instant startedAt,
            Instant endedAt,
            Double dwellSeconds) {
        this(
                eventId,
                type,
                schemaVersion,
                timestamp,
                customerId,
                visitId,
                sightingId,
                storeId,
                cameraId,
                cameraRole,
                visitNumber,
                newCustomer,
                tier,
                vip,
                ageBand,
                gender,
                startedAt,
                endedAt,
                dwellSeconds,
                null,
                null,
                null);
    }

    /**
     * One pass of a person nobody recognised, from {@code startedAt} to {@code endedAt} at {@code cameraId}. The
     * event id derives from the pass, so a replay yields the same id.
     */
    public static VisitEvent anonymousVisit(
            String passId,
            String storeId,
            String cameraId,
            String cameraRole,
            String ageBand,
            String gender,
            Instant startedAt,
            Instant endedAt) {
        return new VisitEvent(
                "visitor-" + passId,
                Type.ANONYMOUS_VISIT,
                SCHEMA_VERSION,
                endedAt,
                null,
                "visitor-" + passId,
                null,
                storeId,
                cameraId,
                cameraRole,
                0,
                false,
                null,
                false,
                ageBand,
                gender,
                startedAt,
                endedAt,
                (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
    }

    /**
     * How many are inside {@code storeId} at {@code at}: {@code customers} with an open visit and {@code visitors}
     * not (yet) recognised. The event id derives from the store and the time, so a replay yields the same id.
     */
    public static VisitEvent occupancy(String storeId, Instant at, int customers, int visitors) {
        return new VisitEvent(
                "occupancy-" + storeId + "-" + at.toEpochMilli(),
                Type.OCCUPANCY,
                SCHEMA_VERSION,
                at,
                null,
                null,
                null,
                storeId,
                null,
                null,
                0,
                false,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                customers + visitors,
                customers,
                visitors);
    }

    /** The record key of a store's occupancy on {@code visits}: one key per store keeps its counts in order. */
    public static String occupancyKey(String storeId) {
        return "occupancy-" + storeId;
    }

    @Override
    public void checkFields() {
        if (type == Type.OCCUPANCY) {
            if (inside == null || customers == null || visitors == null) {
                throw new InvalidEventException("missing required field '"
                        + (inside == null ? "inside" : customers == null ? "customers" : "visitors")
                        + "' in VisitEvent of type OCCUPANCY");
            }
            if (customers < 0 || visitors < 0 || inside != customers + visitors) {
                throw new InvalidEventException("OCCUPANCY counts must be non-negative with inside = customers + "
                        + "visitors, got inside " + inside + ", customers " + customers + ", visitors " + visitors);
            }
            return;
        }
        if (visitId == null || startedAt == null) {
            throw new InvalidEventException("missing required field '" + (visitId == null ? "visitId" : "startedAt")
                    + "' in VisitEvent of type " + type);
        }
        if (identified() && (customerId == null || tier == null)) {
            throw new InvalidEventException("missing required field '" + (customerId == null ? "customerId" : "tier")
                    + "' in VisitEvent of type " + type);
        }
    }

    /** Whether the event is about a known customer (every type but {@link Type#ANONYMOUS_VISIT} and occupancy). */
    public boolean identified() {
        return type != Type.ANONYMOUS_VISIT && type != Type.OCCUPANCY;
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
