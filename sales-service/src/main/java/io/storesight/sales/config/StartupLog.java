package io.storesight.sales.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.common.config.StartupSummary;
import io.storesight.common.config.StoreConfig;

/** The start line: where the service is, what it reads and writes, and the settings that matter. */
@ApplicationScoped
class StartupLog {
    private static final Logger LOG = Logger.getLogger(StartupLog.class);

    void onStart(@Observes StartupEvent event, SalesConfig config, StoreConfig store) {
        Map<String, String> counters = new TreeMap<>();
        config.counters()
                .forEach((counter, mapping) ->
                        counters.put(counter, mapping.cameraId().orElse("no camera")));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("store", config.storeId());
        settings.put("currency", store.currency());
        settings.put("time zone", store.timeZone());
        settings.put("counters", counters.isEmpty() ? "none mapped to a camera" : counters);
        settings.put("ordering", config.openOrdering() ? "open to anyone on the network" : "staff or admin login");
        StartupSummary.log(
                LOG,
                "sales-service",
                "orders from the order page and POST /api/v1/orders",
                "orders (through the outbox)",
                settings);
    }
}
