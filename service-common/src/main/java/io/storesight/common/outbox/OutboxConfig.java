package io.storesight.common.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The transactional outbox of a service that publishes events ({@code storesight.outbox.*}). The relay exists in a
 * service only when {@code storesight.outbox.relay=true} is set at build time (identity-service, sales-service).
 */
@ConfigMapping(prefix = "storesight.outbox")
public interface OutboxConfig {

    /**
     * Whether the service has an outbox relay at all: a build-time switch (the relay and its health check exist only
     * where it is true), set by the services that publish events.
     */
    @WithDefault("false")
    boolean relay();

    /** Off only for maintenance: changes still commit, their events wait in the outbox until it is on again. */
    @WithDefault("true")
    boolean enabled();

    /** Most rows the relay sends in one round. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it (rows left by a crash, after a failed send). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Pause after a failed publish (broker away) before the relay tries again with a fresh producer. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Sent rows stay this long (what was sent recently, for an operator), then go. */
    @WithDefault("1h")
    Duration keepSent();

    /** Most sent rows one purge deletes, so that purging never holds the writer long. */
    @WithDefault("1000")
    int purgeBatch();
}
