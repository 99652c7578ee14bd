package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Item 2 at the unit level: the cookie key follows every password, so a changed password ends old sessions. */
class SessionKeyTest {
    private static final String KEY = TestAccounts.SESSION_KEY;

    private static Accounts admin(String password) {
        return new Accounts(List.of(new Accounts.Account(Role.ADMIN, "owner", password)));
    }

    @Test
    void theSameKeyAndPasswordsGiveTheSameCookieKeySoSessionsSurviveARestart() {
        assertThat(SessionKey.cookieKey(KEY, admin("first-long-password")))
                .isEqualTo(SessionKey.cookieKey(KEY, admin("first-long-password")));
    }

    @Test
    void aChangedPasswordGivesAnotherCookieKey() {
        assertThat(SessionKey.cookieKey(KEY, admin("first-long-password")))
                .isNotEqualTo(SessionKey.cookieKey(KEY, admin("second-long-password")));
        assertThat(SessionKey.cookieKey(KEY, TestAccounts.adminAndStaff()))
                .isNotEqualTo(SessionKey.cookieKey(
                        KEY,
                        new Accounts(List.of(
                                new Accounts.Account(Role.ADMIN, "owner", TestAccounts.ADMIN_PASSWORD),
                                new Accounts.Account(Role.STAFF, "till", "changed-staff-password")))));
    }

    @Test
    void aChangedSessionKeyGivesAnotherCookieKey() {
        assertThat(SessionKey.cookieKey(KEY, admin("first-long-password")))
                .isNotEqualTo(SessionKey.cookieKey(KEY.replace('0', 'x'), admin("first-long-password")));
    }
}
