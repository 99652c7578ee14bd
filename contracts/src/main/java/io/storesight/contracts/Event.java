package io.storesight.contracts;

import java.time.Instant;

/** What every event on every topic carries (design.md: eventId stable across retries, type, version, time). */
public interface Event {
    String eventId();

    /** The event type's name, e.g. {@code VISIT_STARTED}. */
    String typeName();

    int schemaVersion();

    Instant timestamp();
}
