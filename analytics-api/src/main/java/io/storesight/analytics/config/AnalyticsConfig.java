package io.storesight.analytics.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How orders are attributed. Hours, weekdays and days are counted in the store's zone (service-common's
 * {@code StoreConfig}, {@code STORESIGHT_STORE_TIME_ZONE}).
 */
@ConfigMapping(prefix = "storesight.analytics")
public interface AnalyticsConfig {
    /** An order belongs to a customer sighted at its counter camera within this distance of the order time. */
    @WithDefault("PT60S")
    Duration attributionWindow();

    /**
     * A sighting whose end has not arrived yet counts as ongoing for at most this long: a lost SIGHTING_ENDED must
     * not attribute every later order at that counter to the same customer.
     */
    @WithDefault("PT30M")
    Duration maxSighting();

    /**
     * Ids of applied events are kept this long to skip redeliveries: longer than visits, orders and customer-events
     * can keep a record (contracts' Topics; the service refuses to start otherwise), so nothing the broker can
     * redeliver is forgotten.
     */
    @WithDefault("P14D")
    Duration processedEventsRetention();
}
