package io.storesight.common.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * What every service must agree on about the store: one value each, set once for the whole server
 * ({@code STORESIGHT_STORE_CURRENCY}, {@code STORESIGHT_STORE_TIME_ZONE}). A value that is no ISO currency or IANA
 * zone stops the service at start, with a message naming the variable.
 */
@ConfigMapping(prefix = "storesight.store")
public interface StoreConfig {

    /** ISO 4217 code of the menu's prices and every amount shown; its minor digits decide the decimals (KRW none). */
    @WithDefault("EUR")
    @WithConverter(CurrencyCode.class)
    String currency();

    /** IANA time zone the store lives in: day parts, "today" and every time shown are counted in it. */
    @WithDefault("UTC")
    @WithConverter(Zone.class)
    ZoneId timeZone();

    /** Digits after the decimal point of {@link #currency()}'s amounts (ISO 4217: KRW and JPY 0, EUR 2, BHD 3). */
    default int currencyDigits() {
        return Math.max(0, Currency.getInstance(currency()).getDefaultFractionDigits());
    }

    /** An ISO 4217 code, upper-cased; anything else is refused with the variable to fix. */
    final class CurrencyCode implements Converter<String> {
        @Override
        public String convert(String value) {
            String code = value.trim().toUpperCase(java.util.Locale.ROOT);
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() < 0) {
                    throw new IllegalArgumentException(code);
                }
                return currency.getCurrencyCode();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("STORESIGHT_STORE_CURRENCY '" + value
                        + "' is not an ISO 4217 currency code (e.g. EUR, KRW, USD)");
            }
        }
    }

    /** An IANA zone id; anything else (an offset-less abbreviation, a typo) is refused with the variable to fix. */
    final class Zone implements Converter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.trim());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("STORESIGHT_STORE_TIME_ZONE '" + value
                        + "' is not an IANA time zone (e.g. Europe/Berlin, Asia/Seoul, UTC)");
            }
        }
    }
}
