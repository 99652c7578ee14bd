package io.storesight.common.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storesight.common.Backoff;

/**
 * The one retry policy of every consumer: work that fails transiently ({@link Failures#isTransient}) is tried again in
 * place, after a capped exponential back-off, for as long as it takes; the consumer's offset does not move meanwhile,
 * so nothing after it is applied out of order and nothing is dead-lettered. Any other failure is the caller's to
 * dead-letter. A consumer that keeps failing for longer than {@code storesight.retry.stuck-after} makes the service not
 * ready ({@link ConsumersReadiness}).
 */
@ApplicationScoped
public class InPlaceRetry {
    private static final Logger LOG = Logger.getLogger(InPlaceRetry.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    /** A consumer that has been failing since {@code since}, {@code failures} times in a row. */
    public record Failing(Instant since, int failures, String lastError) {}

    private final Backoff backoff;
    private final Duration stuckAfter;
    private final MeterRegistry registry;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    @Inject
    public InPlaceRetry(RetryConfig config, MeterRegistry registry) {
        this(new Backoff(config.initial(), config.max()), config.stuckAfter(), registry);
    }

    /** For a consumer outside a service (a benchmark). */
    public InPlaceRetry(Backoff backoff, Duration stuckAfter, MeterRegistry registry) {
        this.backoff = backoff;
        this.stuckAfter = stuckAfter;
        this.registry = registry;
    }

    /**
     * Runs {@code work} until it succeeds or fails for a reason that is not transient (thrown as is). Interrupted
     * while waiting (the service stops), it gives up with an {@link IllegalStateException}.
     */
    public <T> T untilDone(String consumer, Supplier<T> work) {
        while (true) {
            try {
                T result = work.get();
                succeeded(consumer);
                return result;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    succeeded(consumer);
                    throw e;
                }
                sleep(failed(consumer, e));
            }
        }
    }

    public void run(String consumer, Runnable work) {
        untilDone(consumer, () -> {
            work.run();
            return null;
        });
    }

    /**
     * For a consumer that repeats the work itself (face-inference rewinds its partitions): records a transient
     * failure and returns how long to wait before the next attempt.
     */
    public Duration failed(String consumer, Throwable error) {
        Instant now = Instant.now();
        String message = String.valueOf(rootMessage(error));
        Failing state = failing.compute(
                consumer,
                (name, before) -> before == null
                        ? new Failing(now, 1, message)
                        : new Failing(before.since(), before.failures() + 1, message));
        Counter.builder("storesight.consumer.retries")
                .tag("consumer", consumer)
                .description("Attempts that failed transiently and were retried in place")
                .register(registry)
                .increment();
        Duration delay = backoff.delay(state.failures());
        Instant logged = lastLogged.get(consumer);
        if (logged == null || Duration.between(logged, now).compareTo(LOG_EVERY) >= 0) {
            lastLogged.put(consumer, now);
            LOG.warnf(
                    "%s: transient failure (%s), retrying in place in %d ms; failing since %s, %d attempt(s)",
                    consumer, message, delay.toMillis(), state.since(), state.failures());
        }
        return delay;
    }

    /** The consumer's work went through: it is no longer failing. */
    public void succeeded(String consumer) {
        Failing before = failing.remove(consumer);
        if (before != null) {
            lastLogged.remove(consumer);
            LOG.infof("%s: going on after %d failed attempt(s) since %s", consumer, before.failures(), before.since());
        }
    }

    /** The consumers failing now. */
    public Map<String, Failing> failing() {
        return Map.copyOf(failing);
    }

    /** Whether some consumer has been failing for longer than {@code storesight.retry.stuck-after}. */
    public boolean stuck(Instant now) {
        return failing.values().stream()
                .anyMatch(f -> Duration.between(f.since(), now).compareTo(stuckAfter) > 0);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
