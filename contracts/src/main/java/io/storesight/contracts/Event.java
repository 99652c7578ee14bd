package io.storesight.contracts;

import java.time.Instant;

/** What every event on every topic carries (docs/events-and-topics.md): a stable event id, type, version, time. */
public interface Event {
    String eventId();

    /** The event type's name, e.g. {@code VISIT_STARTED}. */
    String typeName();

    int schemaVersion();

    Instant timestamp();

    /**
     * Rules between fields that the required/optional split cannot say (a field required for some types only).
     * Throws {@link InvalidEventException}; decoding calls it after the required fields are checked.
     */
    default void checkFields() {}
}
