package io.storesight.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

class AdminIdentityProviderTest {

    @Test
    void configuredAdminGetsTheAdminRole() {
        SecurityIdentity identity = login(config("owner", "s3cret-pass"), "owner", "s3cret-pass");
        assertThat(identity.getPrincipal().getName()).isEqualTo("owner");
        assertThat(identity.hasRole(AdminConfig.ROLE)).isTrue();
    }

    @Test
    void wrongPasswordOrUserIsRefused() {
        assertThatThrownBy(() -> login(config("owner", "s3cret-pass"), "owner", "guess"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> login(config("owner", "s3cret-pass"), "admin", "s3cret-pass"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void withoutConfiguredCredentialsEveryLoginFailsWithInstructions() {
        assertThatThrownBy(() -> login(config(null, null), "admin", "admin"))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("STORESIGHT_ADMIN_PASSWORD");
        assertThatThrownBy(() -> login(config("admin", " "), "admin", " "))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("not configured");
    }

    private static SecurityIdentity login(AdminConfig config, String user, String password) {
        return new AdminIdentityProvider(config)
                .authenticate(new UsernamePasswordAuthenticationRequest(user,
                        new PasswordCredential(password.toCharArray())), null)
                .await().atMost(Duration.ofSeconds(5));
    }

    private static AdminConfig config(String user, String password) {
        return new AdminConfig() {
            @Override
            public Optional<String> user() {
                return Optional.ofNullable(user);
            }

            @Override
            public Optional<String> password() {
                return Optional.ofNullable(password);
            }
        };
    }
}
