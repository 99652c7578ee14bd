package io.storesight.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential delay between attempts, capped, with ±20% jitter: cameras behind one failed switch do not all reconnect
 * in the same instant, and consumers waiting on a locked database do not all retry together.
 */
public record Backoff(Duration initial, Duration max) {
    private static final double JITTER = 0.2;

    /** The delay before attempt {@code failures + 1}, for {@code failures >= 1}. */
    public Duration delay(int failures) {
        double base = initial.toMillis() * Math.pow(2, Math.min(30, Math.max(0, failures - 1)));
        double capped = Math.min(base, max.toMillis());
        double jitter = 1 + JITTER * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }
}
