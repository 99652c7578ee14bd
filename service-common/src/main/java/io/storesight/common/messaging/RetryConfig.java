package io.storesight.common.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the consumers of a service ride out transient failures ({@code storesight.retry.*}). */
@ConfigMapping(prefix = "storesight.retry")
public interface RetryConfig {

    /** Pause after the first transient failure; it doubles with each failure that follows. */
    @WithDefault("200ms")
    Duration initial();

    /** The longest pause between two attempts. */
    @WithDefault("30s")
    Duration max();

    /** A consumer retrying for longer than this makes the service not ready: someone should look. */
    @WithDefault("2m")
    Duration stuckAfter();
}
