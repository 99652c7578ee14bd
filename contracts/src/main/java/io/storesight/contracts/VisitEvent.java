package io.storesight.contracts;

import java.time.Instant;

/**
 * Presence of a known customer on {@code visits} (key: customer id). A sighting is presence at one camera; a visit is
 * presence in the store (absent from every camera for longer than the absence threshold ends it). Pseudonymous:
 * no descriptors, no images.
 */
public record VisitEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        String customerId,
        String visitId,
        @OptionalField String sightingId,
        String storeId,
        @OptionalField String cameraId,
        @OptionalField String cameraRole,
        int visitNumber,
        boolean newCustomer,
        String tier,
        boolean vip,
        @OptionalField String ageBand,
        @OptionalField String gender,
        Instant startedAt,
        @OptionalField Instant endedAt,
        @OptionalField Double dwellSeconds) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        SIGHTING_STARTED, SIGHTING_ENDED, VISIT_STARTED, VISIT_ENDED
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
