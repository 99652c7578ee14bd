package io.storesight.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How logins and browsers are policed ({@code storesight.security.*}); the accounts are {@link Accounts}. */
@ConfigMapping(prefix = "storesight.security")
public interface SecurityConfig {

    /** Failed logins from one client address within {@link #loginWindow()} before its next attempts wait. */
    @WithDefault("5")
    int loginMaxFailures();

    /** The window in which failed logins are counted; an address waits until its oldest failure leaves it. */
    @WithDefault("1m")
    Duration loginWindow();

    /**
     * Origins (e.g. {@code https://pos.example.com}) whose pages may send state-changing requests here besides
     * the service's own pages; a reverse proxy that rewrites the Host header needs its public origin listed.
     */
    Optional<List<String>> trustedOrigins();
}
