package io.storesight.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for something asynchronous (an event consumed, a relay drained, a service ready) the same way in every
 * test: poll often, give up after a generous timeout (a loaded build machine is slow), and fail saying what was
 * awaited rather than "condition not met".
 */
public final class Await {
    /** How long a test waits for an event to travel through the broker and the services by default. */
    public static final Duration DEFAULT = Duration.ofSeconds(90);

    public static void until(String what, Callable<Boolean> condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + timeout.toSeconds() + " s", e);
        }
    }

    private Await() {}
}
