package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Item 1: the start is refused, with one line naming the variable, for every kind of known or weak secret. */
class SecretsTest {
    private static final String KEY = TestAccounts.SESSION_KEY;

    private static List<String> problems(Map<String, String> config, String sessionKey) {
        return Secrets.problems(
                Accounts.from(name -> Optional.ofNullable(config.get(name))), Optional.ofNullable(sessionKey));
    }

    @Test
    void strongPasswordsAndKeyPass() {
        assertThat(problems(Map.of("storesight.admin.password", "a-long-random-secret"), KEY))
                .isEmpty();
        assertThat(problems(
                        Map.of(
                                "storesight.admin.password",
                                "a-long-random-secret",
                                "storesight.staff.password",
                                "another-long-secret"),
                        KEY))
                .isEmpty();
    }

    @Test
    void aMissingAdminPasswordIsRefused() {
        assertThat(problems(Map.of(), KEY)).containsExactly("STORESIGHT_ADMIN_PASSWORD is not set");
    }

    @Test
    void anEmptyPasswordIsRefused() {
        assertThat(problems(Map.of("storesight.admin.password", "   "), KEY))
                .containsExactly("STORESIGHT_ADMIN_PASSWORD is empty");
    }

    @Test
    void aPasswordShorterThan12CharactersIsRefused() {
        assertThat(problems(Map.of("storesight.admin.password", "elevenchars"), KEY))
                .containsExactly("STORESIGHT_ADMIN_PASSWORD is shorter than 12 characters");
        assertThat(problems(Map.of("storesight.admin.password", "twelve-chars"), KEY))
                .isEmpty();
    }

    @Test
    void theEnvExamplePlaceholderIsRefused() {
        assertThat(problems(Map.of("storesight.admin.password", "change-me-to-a-long-random-secret"), KEY))
                .containsExactly("STORESIGHT_ADMIN_PASSWORD is the placeholder from .env.example");
    }

    @Test
    void otherRolesPasswordsMeetTheSameRulesWhenSet() {
        assertThat(problems(
                        Map.of(
                                "storesight.admin.password",
                                "a-long-random-secret",
                                "storesight.integrator.password",
                                "short"),
                        KEY))
                .containsExactly("STORESIGHT_INTEGRATOR_PASSWORD is shorter than 12 characters");
        assertThat(problems(
                        Map.of(
                                "storesight.admin.password",
                                "a-long-random-secret",
                                "storesight.viewer.password",
                                "change-me-viewer-password"),
                        KEY))
                .containsExactly("STORESIGHT_VIEWER_PASSWORD is the placeholder from .env.example");
    }

    @Test
    void rolesMayNotShareAUserNameOrAPassword() {
        assertThat(problems(
                        Map.of(
                                "storesight.admin.password",
                                "a-long-random-secret",
                                "storesight.staff.password",
                                "a-long-random-secret"),
                        KEY))
                .containsExactly("STORESIGHT_STAFF_PASSWORD is also the admin's password; each role needs its own");
        assertThat(problems(
                        Map.of(
                                "storesight.admin.user",
                                "shop",
                                "storesight.admin.password",
                                "a-long-random-secret",
                                "storesight.staff.user",
                                "shop",
                                "storesight.staff.password",
                                "another-long-secret"),
                        KEY))
                .containsExactly("STORESIGHT_STAFF_USER 'shop' is also the admin's user name; each role needs its own");
    }

    @Test
    void aMissingSessionKeyIsRefused() {
        assertThat(problems(Map.of("storesight.admin.password", "a-long-random-secret"), null))
                .containsExactly("STORESIGHT_SESSION_KEY is not set");
    }

    @Test
    void aSessionKeyShorterThan32CharactersOrThePlaceholderIsRefused() {
        assertThat(problems(Map.of("storesight.admin.password", "a-long-random-secret"), KEY.substring(1)))
                .containsExactly("STORESIGHT_SESSION_KEY is shorter than 32 characters");
        assertThat(problems(
                        Map.of("storesight.admin.password", "a-long-random-secret"),
                        "change-me-to-32-or-more-random-characters"))
                .containsExactly("STORESIGHT_SESSION_KEY is the placeholder from .env.example");
    }

    @Test
    void theRefusalIsOneLineNamingEveryProblem() {
        String line = Secrets.refusal(problems(Map.of("storesight.admin.password", "short"), "short"));
        assertThat(line)
                .doesNotContain("\n")
                .startsWith("refusing to start: ")
                .contains("STORESIGHT_ADMIN_PASSWORD is shorter than 12 characters")
                .contains("STORESIGHT_SESSION_KEY is shorter than 32 characters");
    }
}
