package io.storesight.sales.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storesight.contracts.Ids;

/** Everything sales-service can be told: the store, its counters, ordering limits (the currency is the store's: service-common's StoreConfig). */
@ConfigMapping(prefix = "storesight.sales")
public interface SalesConfig {

    /** The store this server sells for; an order may name another (one server can serve several tills). */
    @Pattern(regexp = Ids.PATTERN, message = "must be " + Ids.RULE)
    String storeId();

    /** The counter an order comes from when the request names none (a single-till store). */
    String defaultCounter();

    /** Counter id → the camera that watches it: analytics attributes an order to the customer seen there. */
    Map<String, Counter> counters();

    /**
     * False: the order page, reading the menu and placing orders need the staff (or admin) login. True lets anyone
     * who reaches the server on the network place orders, which attach purchases to the customers recognised at
     * the counter.
     */
    @WithDefault("false")
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
