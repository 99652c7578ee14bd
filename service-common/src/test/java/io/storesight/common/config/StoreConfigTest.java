package io.storesight.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** The store's currency and zone are checked where they are read: a typo stops the start with the variable named. */
class StoreConfigTest {

    @Test
    void anIsoCurrencyCodeIsAcceptedInAnyCase() {
        assertThat(new StoreConfig.CurrencyCode().convert("krw")).isEqualTo("KRW");
        assertThat(new StoreConfig.CurrencyCode().convert(" EUR ")).isEqualTo("EUR");
    }

    @Test
    void anUnknownCurrencyNamesTheVariableToFix() {
        assertThatThrownBy(() -> new StoreConfig.CurrencyCode().convert("EURO"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STORESIGHT_STORE_CURRENCY 'EURO' is not an ISO 4217 currency code (e.g. EUR, KRW, USD)");
    }

    @Test
    void theNoCurrencyCodeIsRefused() {
        assertThatThrownBy(() -> new StoreConfig.CurrencyCode().convert("XXX"))
                .hasMessageContaining("STORESIGHT_STORE_CURRENCY 'XXX'");
    }

    @Test
    void anIanaZoneIsAccepted() {
        assertThat(new StoreConfig.Zone().convert("Asia/Seoul")).isEqualTo(ZoneId.of("Asia/Seoul"));
    }

    @Test
    void anUnknownZoneNamesTheVariableToFix() {
        assertThatThrownBy(() -> new StoreConfig.Zone().convert("Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("STORESIGHT_STORE_TIME_ZONE 'Mars/Olympus' is not an IANA time zone "
                        + "(e.g. Europe/Berlin, Asia/Seoul, UTC)");
    }
}
