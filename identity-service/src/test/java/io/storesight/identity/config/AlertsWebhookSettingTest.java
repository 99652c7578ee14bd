package io.storesight.identity.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A webhook URL without a usable secret stops the service at start: forged alerts would otherwise pass. */
class AlertsWebhookSettingTest {

    @Test
    void noWebhookNeedsNoSecret() {
        assertThatCode(() -> StartupLog.requireWebhookSecret(alerts(null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void aWebhookWithoutASecretIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> StartupLog.requireWebhookSecret(alerts("https://hooks.example/alerts", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STORESIGHT_IDENTITY_ALERTS_WEBHOOK_SECRET");
    }

    @Test
    void aShortOrPlaceholderSecretIsRefused() {
        assertThatThrownBy(() -> StartupLog.requireWebhookSecret(alerts("https://hooks.example/alerts", "short")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StartupLog.requireWebhookSecret(
                        alerts("https://hooks.example/alerts", "change-me-to-a-long-random-secret")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWebhookWithALongSecretStarts() {
        assertThatCode(() -> StartupLog.requireWebhookSecret(
                        alerts("https://hooks.example/alerts", "a-long-random-webhook-secret")))
                .doesNotThrowAnyException();
    }

    private static IdentityConfig.Alerts alerts(String url, String secret) {
        return new IdentityConfig.Alerts() {
            @Override
            public Optional<URI> webhookUrl() {
                return Optional.ofNullable(url).map(URI::create);
            }

            @Override
            public Optional<String> webhookSecret() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Duration webhookTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration retryInitial() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration retryMax() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration keepDelivered() {
                return Duration.ofDays(1);
            }
        };
    }
}
