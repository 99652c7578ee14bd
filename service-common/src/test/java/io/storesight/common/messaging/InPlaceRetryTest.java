package io.storesight.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesight.common.Backoff;
import io.storesight.contracts.InvalidEventException;

/** Which failures are retried in place, and how the retry behaves. */
class InPlaceRetryTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InPlaceRetry retry =
            new InPlaceRetry(new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), Duration.ofMinutes(2), registry);

    private static RuntimeException sql(SQLiteErrorCode code) {
        // How Jdbc reports a failed statement: its own message, SQLite's exception as the cause.
        return new IllegalStateException("SQL failed: INSERT ...", new SQLiteException("[" + code + "]", code));
    }

    @Test
    void aBusyOrLockedDatabaseAnIoErrorAndAnUnacknowledgedSendAreTransient() {
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_BUSY))).isTrue();
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)))
                .isTrue();
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_LOCKED))).isTrue();
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_IOERR_FSYNC)))
                .isTrue();
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_FULL))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new UncheckedIOException(new IOException("disk")))))
                .isTrue();
        assertThat(Failures.isTransient(new org.apache.kafka.common.errors.TimeoutException("no ack")))
                .isTrue();
        assertThat(Failures.isTransient(new TransientFailure("cannot write to visits.dlq", null)))
                .isTrue();
    }

    @Test
    void anInvalidEventAConstraintAndABugAreNot() {
        assertThat(Failures.isTransient(new InvalidEventException("malformed JSON")))
                .isFalse();
        assertThat(Failures.isTransient(sql(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)))
                .isFalse();
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("customer vanished")))
                .isFalse();
    }

    @Test
    void transientFailuresAreRetriedUntilTheWorkGoesThrough() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.untilDone("visits", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw sql(SQLiteErrorCode.SQLITE_BUSY);
            }
            assertThat(retry.failing()).containsKey("visits");
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(attempts).hasValue(4);
        assertThat(retry.failing()).isEmpty();
        assertThat(registry.get("storesight.consumer.retries")
                        .tag("consumer", "visits")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aDeterministicFailureIsThrownAtOnceForTheCallerToDeadLetter() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("orders", () -> {
                    attempts.incrementAndGet();
                    throw new InvalidEventException("no orderId");
                }))
                .isInstanceOf(InvalidEventException.class);
        assertThat(attempts).hasValue(1);
        assertThat(retry.failing()).isEmpty();
    }

    @Test
    void aConsumerFailingForLongerThanStuckAfterIsStuck() {
        retry.failed("frames", new TransientFailure("broker away", null));
        Instant since = retry.failing().get("frames").since();
        assertThat(retry.stuck(since.plus(Duration.ofMinutes(1)))).isFalse();
        assertThat(retry.stuck(since.plus(Duration.ofMinutes(3)))).isTrue();
        retry.succeeded("frames");
        assertThat(retry.stuck(since.plus(Duration.ofMinutes(3)))).isFalse();
    }
}
