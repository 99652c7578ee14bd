package io.storesight.analytics.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.storesight.common.config.StartupSummary;
import io.storesight.common.config.StoreConfig;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.contracts.Topics;

/** The start line: where the service is, what it reads and writes, and the settings that matter. */
@ApplicationScoped
class StartupLog {
    private static final Logger LOG = Logger.getLogger(StartupLog.class);

    void onStart(@Observes StartupEvent event, AnalyticsConfig config, StoreConfig store) {
        ProcessedEvents.requireLongerThanTopics(
                "storesight.analytics.processed-events-retention",
                config.processedEventsRetention(),
                List.of(Topics.VISITS, Topics.ORDERS, Topics.CUSTOMER_EVENTS));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("attribution window", config.attributionWindow().toSeconds() + " s");
        settings.put("longest sighting", config.maxSighting().toMinutes() + " min");
        settings.put("time zone", store.timeZone());
        StartupSummary.log(
                LOG, "analytics-api", "visits, orders, customer-events", "reports and the dashboard", settings);
    }
}
