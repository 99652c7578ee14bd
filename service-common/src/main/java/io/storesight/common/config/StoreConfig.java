package io.storesight.common.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What every service must agree on about the store: one value each, set once for the whole server
 * ({@code STORESIGHT_STORE_CURRENCY}, {@code STORESIGHT_STORE_TIME_ZONE}).
 */
@ConfigMapping(prefix = "storesight.store")
public interface StoreConfig {

    /** ISO 4217 code of the menu's prices and every amount shown; its minor digits decide the decimals (KRW none). */
    @WithDefault("EUR")
    String currency();

    /** IANA time zone the store lives in: day parts, "today" and every time shown are counted in it. */
    @WithDefault("UTC")
    ZoneId timeZone();
}
