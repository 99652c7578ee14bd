package io.storesight.common.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.storesight.common.config.ConsoleConfig;
import io.storesight.common.config.StoreConfig;
import io.storesight.common.security.Accounts;
import io.storesight.common.security.Role;

/** The console's settings: every page's link from the configured base URLs, the currency's digits, the user. */
class ConsoleResourceTest {

    private static ConsoleResource resource(String currency, String zone) {
        ConsoleConfig console = new ConsoleConfig() {
            @Override
            public String cameraUrl() {
                return "http://store.local:18081";
            }

            @Override
            public Optional<String> inferenceUrl() {
                return Optional.of("http://store.local:18082");
            }

            @Override
            public String identityUrl() {
                return "http://store.local:18083/";
            }

            @Override
            public String salesUrl() {
                return "http://store.local:18084";
            }

            @Override
            public String analyticsUrl() {
                return "http://store.local:18085";
            }
        };
        StoreConfig store = new StoreConfig() {
            @Override
            public String currency() {
                return currency;
            }

            @Override
            public ZoneId timeZone() {
                return ZoneId.of(zone);
            }
        };
        Accounts accounts = new Accounts(List.of(
                new Accounts.Account(Role.ADMIN, "owner", "secret-password-1"),
                new Accounts.Account(Role.STAFF, "till", "secret-password-2")));
        return new ConsoleResource(null, accounts, console, store, "sales-service", "quarkus-credential");
    }

    @Test
    void everyPageLinksToItsServicesConfiguredBaseUrl() {
        Map<String, String> links = resource("EUR", "UTC")
                .settings("owner", List.of("admin"), "http://store.local:18084")
                .links();
        assertThat(links)
                .containsEntry("dashboard", "http://store.local:18085/dashboard/")
                .containsEntry("live", "http://store.local:18081/live")
                .containsEntry("customers", "http://store.local:18083/customers")
                .containsEntry("cameras", "http://store.local:18081/cameras")
                .containsEntry("menu", "http://store.local:18084/admin")
                .containsEntry("order", "http://store.local:18084/order")
                .containsEntry("settings", "http://store.local:18085/settings")
                .containsEntry("alerts", "http://store.local:18083/api/v1/alerts/stream");
    }

    @Test
    void eachServicesBaseUrlIsListedForItsHealth() {
        assertThat(resource("EUR", "UTC")
                        .settings("owner", List.of("admin"), "http://h")
                        .services())
                .containsExactly(
                        Map.entry("camera-ingest", "http://store.local:18081"),
                        Map.entry("face-inference", "http://store.local:18082"),
                        Map.entry("identity-service", "http://store.local:18083"),
                        Map.entry("sales-service", "http://store.local:18084"),
                        Map.entry("analytics-api", "http://store.local:18085"));
    }

    @Test
    void loginAndLogoutAreOnTheServerThatServedThePage() {
        Map<String, String> links = resource("EUR", "UTC")
                .settings("owner", List.of("admin"), "http://10.0.0.5:8084")
                .links();
        assertThat(links)
                .containsEntry("login", "http://10.0.0.5:8084/login.html")
                .containsEntry("logout", "http://10.0.0.5:8084/console/logout");
    }

    @Test
    void wonHasNoDecimalsTheEuroTwoAndTheBahrainDinarThree() {
        assertThat(resource("KRW", "Asia/Seoul")
                        .settings("owner", List.of("admin"), "http://h")
                        .currencyDigits())
                .isZero();
        assertThat(resource("EUR", "UTC")
                        .settings("owner", List.of("admin"), "http://h")
                        .currencyDigits())
                .isEqualTo(2);
        assertThat(resource("BHD", "UTC")
                        .settings("owner", List.of("admin"), "http://h")
                        .currencyDigits())
                .isEqualTo(3);
    }

    @Test
    void theUserTheirRolesTheZoneAndTheServiceAreNamed() {
        ConsoleResource.Settings settings =
                resource("KRW", "Asia/Seoul").settings("till", List.of("staff"), "http://h");
        assertThat(settings.user()).isEqualTo("till");
        assertThat(settings.roles()).containsExactly("staff");
        assertThat(settings.currency()).isEqualTo("KRW");
        assertThat(settings.timeZone()).isEqualTo("Asia/Seoul");
        assertThat(settings.service()).isEqualTo("sales-service");
    }

    @Test
    void accountsNameEachRolesUserAndNeverAPassword() {
        List<ConsoleResource.AccountView> accounts = resource("EUR", "UTC").accounts();
        assertThat(accounts)
                .containsExactly(
                        new ConsoleResource.AccountView("admin", "owner"),
                        new ConsoleResource.AccountView("staff", "till"));
        assertThat(accounts.toString()).doesNotContain("secret-password");
    }
}
