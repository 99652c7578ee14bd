package io.storesight.common.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Accounts and settings for the tests of this package. */
final class TestAccounts {
    static final String ADMIN_PASSWORD = "admin-password-long";
    static final String STAFF_PASSWORD = "staff-password-long";
    static final String SESSION_KEY = "0123456789abcdef0123456789abcdef";

    static Accounts adminAndStaff() {
        return new Accounts(List.of(
                new Accounts.Account(Role.ADMIN, "owner", ADMIN_PASSWORD),
                new Accounts.Account(Role.STAFF, "till", STAFF_PASSWORD)));
    }

    static SecurityConfig security(int maxFailures, Duration window, List<String> trustedOrigins) {
        return new SecurityConfig() {
            @Override
            public int loginMaxFailures() {
                return maxFailures;
            }

            @Override
            public Duration loginWindow() {
                return window;
            }

            @Override
            public Optional<List<String>> trustedOrigins() {
                return Optional.of(trustedOrigins);
            }
        };
    }

    private TestAccounts() {}
}
