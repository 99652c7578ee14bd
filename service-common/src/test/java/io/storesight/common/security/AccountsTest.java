package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AccountsTest {

    @Test
    void eachRoleNameForAnnotationsIsItsId() {
        assertThat(Role.ADMIN_NAME).isEqualTo(Role.ADMIN.id());
        assertThat(Role.STAFF_NAME).isEqualTo(Role.STAFF.id());
        assertThat(Role.INTEGRATOR_NAME).isEqualTo(Role.INTEGRATOR.id());
        assertThat(Role.VIEWER_NAME).isEqualTo(Role.VIEWER.id());
    }

    @Test
    void anAccountExistsOnlyWithAPasswordAndItsUserDefaultsToTheRole() {
        Accounts accounts = Accounts.from(name -> Optional.ofNullable(
                Map.of("storesight.admin.password", "a-long-random-secret", "storesight.staff.user", "till")
                        .get(name)));
        assertThat(accounts.account(Role.ADMIN))
                .get()
                .extracting(Accounts.Account::user)
                .isEqualTo("admin");
        assertThat(accounts.account(Role.STAFF)).isEmpty();
        assertThat(accounts.account(Role.INTEGRATOR)).isEmpty();
    }

    @Test
    void aLoginMatchesTheAccountWithBothUserAndPassword() {
        Accounts accounts = TestAccounts.adminAndStaff();
        assertThat(accounts.check("owner", TestAccounts.ADMIN_PASSWORD))
                .get()
                .extracting(Accounts.Account::role)
                .isEqualTo(Role.ADMIN);
        assertThat(accounts.check("till", TestAccounts.STAFF_PASSWORD))
                .get()
                .extracting(Accounts.Account::role)
                .isEqualTo(Role.STAFF);
        assertThat(accounts.check("till", TestAccounts.ADMIN_PASSWORD)).isEmpty();
        assertThat(accounts.check("owner", "guess")).isEmpty();
        assertThat(accounts.byUser("till"))
                .get()
                .extracting(Accounts.Account::role)
                .isEqualTo(Role.STAFF);
    }

    @Test
    void anAccountNeverPrintsItsPassword() {
        assertThat(TestAccounts.adminAndStaff().all().toString()).doesNotContain(TestAccounts.ADMIN_PASSWORD);
    }
}
