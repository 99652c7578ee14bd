package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Item 3: failures are counted per address and mechanism; the sixth attempt within a minute waits. */
class LoginFailuresTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LoginFailures failures =
            new LoginFailures(TestAccounts.security(5, Duration.ofMinutes(1), List.of()), registry);

    @Test
    void fiveFailuresWithinAMinuteMakeThatAddressWaitUntilTheOldestLeavesTheWindow() {
        long t0 = 1_000_000;
        for (int i = 0; i < 4; i++) {
            failures.failed("10.0.0.7", "owner", "basic", t0 + i * 1000);
        }
        assertThat(failures.secondsToWait("10.0.0.7", t0 + 5000)).isZero();
        failures.failed("10.0.0.7", "owner", "form", t0 + 5000);
        assertThat(failures.secondsToWait("10.0.0.7", t0 + 5000)).isEqualTo(55);
        assertThat(failures.secondsToWait("10.0.0.8", t0 + 5000))
                .as("another address")
                .isZero();
        assertThat(failures.secondsToWait("10.0.0.7", t0 + 60_000))
                .as("the oldest failure has left")
                .isZero();
    }

    @Test
    void failuresAreCountedPerMechanism() {
        failures.failed("10.0.0.9", "owner", "basic", 0);
        failures.failed("10.0.0.9", "owner", "form", 0);
        failures.failed("10.0.0.9", "owner", "form", 0);
        assertThat(registry.get("storesight.login.failures")
                        .tag("mechanism", "basic")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("storesight.login.failures")
                        .tag("mechanism", "form")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aUserNameIsLoggedWithoutControlCharacters() {
        assertThat(LoginFailures.printable("owner\nINFO forged line")).isEqualTo("owner?INFO forged line");
        assertThat(LoginFailures.printable("x".repeat(100))).hasSize(65);
    }
}
