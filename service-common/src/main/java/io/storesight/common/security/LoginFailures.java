package io.storesight.common.security;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;

/**
 * Failed logins, per client address: each is logged at WARN with the address and counted
 * ({@code storesight_login_failures_total{mechanism="basic|form"}}); once an address has failed
 * {@link SecurityConfig#loginMaxFailures()} times within {@link SecurityConfig#loginWindow()}, its further attempts
 * are refused unchecked until the oldest failure leaves the window ({@code storesight_login_throttled_total}), so
 * guessing runs at a few passwords a minute. A correct password does not lift the wait: it would tell the guesser.
 */
@ApplicationScoped
public class LoginFailures {
    private static final Logger LOG = Logger.getLogger(LoginFailures.class);
    /** Enough for any store network; past it, addresses without a recent failure are forgotten first. */
    private static final int MAX_ADDRESSES = 10_000;

    private static final String RETRY_AFTER = "storesight.retry-after-seconds";

    private final int maxFailures;
    private final long windowMillis;
    private final MeterRegistry registry;
    private final Counter throttled;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginFailures(SecurityConfig config, MeterRegistry registry) {
        this.maxFailures = config.loginMaxFailures();
        this.windowMillis = config.loginWindow().toMillis();
        this.registry = registry;
        this.throttled = Counter.builder("storesight.login.throttled")
                .description("Login attempts refused unchecked after too many failures from their address")
                .register(registry);
    }

    /** Seconds {@code address} must wait before a login attempt is checked again; 0 when it may try now. */
    public long secondsToWait(String address, long nowMillis) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, nowMillis);
            if (times.size() < maxFailures) {
                return 0;
            }
            long waitMillis = times.peekFirst() + windowMillis - nowMillis;
            return Math.max(1, (waitMillis + 999) / 1000);
        }
    }

    /** The failure of an attempt refused unchecked because its address must wait {@code seconds}. */
    public AuthenticationFailedException refused(long seconds) {
        throttled.increment();
        return new AuthenticationFailedException(
                "too many failed logins from this address; retry in " + seconds + " s", Map.of(RETRY_AFTER, seconds));
    }

    /** How long the client must wait, when the failure is a refused attempt; empty for a wrong password. */
    public static OptionalLong retryAfter(AuthenticationFailedException failure) {
        Object seconds = failure.getAttribute(RETRY_AFTER);
        return seconds instanceof Long value ? OptionalLong.of(value) : OptionalLong.empty();
    }

    public void failed(String address, String user, String mechanism, long nowMillis) {
        registry.counter("storesight.login.failures", "mechanism", mechanism).increment();
        if (failures.size() >= MAX_ADDRESSES) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, nowMillis);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        int recent;
        synchronized (times) {
            prune(times, nowMillis);
            times.addLast(nowMillis);
            recent = times.size();
        }
        LOG.warnf(
                "failed %s login as '%s' from %s (%d within %d s)%s",
                mechanism,
                printable(user),
                address,
                recent,
                windowMillis / 1000,
                recent == maxFailures ? "; further attempts from this address wait" : "");
    }

    private void prune(Deque<Long> times, long nowMillis) {
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - windowMillis) {
            times.removeFirst();
        }
    }

    /** The user name as the client sent it, safe for a log line: no control characters, at most 64 characters. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        String clean = user.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
