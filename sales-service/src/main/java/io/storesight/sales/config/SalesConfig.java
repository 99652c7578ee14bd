package io.storesight.sales.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything sales-service can be told: the store, its counters, the menu's currency, ordering limits. */
@ConfigMapping(prefix = "storesight.sales")
public interface SalesConfig {

    /** The store this server sells for; an order may name another (one server can serve several tills). */
    String storeId();

    /** The counter an order comes from when the request names none (a single-till store). */
    String defaultCounter();

    /** Counter id → the camera that watches it: analytics attributes an order to the customer seen there. */
    Map<String, Counter> counters();

    /** ISO 4217 code of the menu's prices; also the currency of the seeded menu. */
    String currency();

    /** When true, the order page, placing orders and reading the menu need no login (a trusted store network). */
    @WithDefault("true")
    boolean openOrdering();

    /** Read by the seed migration through a Flyway placeholder: false starts with an empty menu. */
    @WithDefault("true")
    boolean seedMenu();

    Limits limits();

    interface Counter {
        Optional<String> cameraId();
    }

    interface Limits {
        /** More of one item than this in one order is a typo, not an order. */
        @WithDefault("50")
        int maxQuantity();

        @WithDefault("50")
        int maxLines();

        @WithDefault("200")
        int maxIdempotencyKeyLength();
    }
}
