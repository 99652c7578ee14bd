package io.storesight.common.messaging;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The dead-letter topics a service answers for ({@code storesight.dead-letters.*}). */
@ConfigMapping(prefix = "storesight.dead-letters")
public interface DeadLetterConfig {

    /**
     * The topics this service consumes and dead-letters from; their {@code <topic>.dlq} can be inspected and replayed
     * through it, and their backlog is a metric. None by default (a service without consumers).
     */
    Optional<List<String>> topics();
}
