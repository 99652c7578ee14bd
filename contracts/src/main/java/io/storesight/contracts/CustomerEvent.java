package io.storesight.contracts;

import java.time.Instant;

/**
 * Identity changes on {@code customer-events} (key: customer id) that read models must follow: erasure reaches every
 * copy, a merge re-points rows from {@code mergedCustomerId} to {@code customerId}, an update carries tier/label/VIP.
 */
public record CustomerEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        String customerId,
        @OptionalField String mergedCustomerId,
        @OptionalField String tier,
        @OptionalField String label,
        @OptionalField Boolean vip,
        @OptionalField String ageBand,
        @OptionalField String gender,
        @OptionalField String reason) implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        CUSTOMER_ERASED, CUSTOMERS_MERGED, CUSTOMER_UPDATED
    }

    @Override
    public String typeName() {
        return type.name();
    }
}
