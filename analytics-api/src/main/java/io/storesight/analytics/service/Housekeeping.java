package io.storesight.analytics.service;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.storesight.analytics.config.AnalyticsConfig;
import io.storesight.analytics.persistence.OccupancySamples;
import io.storesight.common.persistence.ProcessedEvents;

/**
 * Hourly: forgets the ids of applied events once their topics can no longer redeliver them, and occupancy samples
 * older than their retention.
 */
@ApplicationScoped
public class Housekeeping {
    private final AnalyticsConfig config;
    private final ProcessedEvents processedEvents;
    private final OccupancySamples occupancy;

    public Housekeeping(AnalyticsConfig config, ProcessedEvents processedEvents, OccupancySamples occupancy) {
        this.config = config;
        this.processedEvents = processedEvents;
        this.occupancy = occupancy;
    }

    @Scheduled(
            every = "1h",
            delay = 60,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge();
        occupancy.purgeOlderThan(
                System.currentTimeMillis() - config.occupancyRetention().toMillis());
    }

    /** Returns how many ids went. */
    public int purge() {
        return processedEvents.purgeOlderThan(config.processedEventsRetention());
    }
}
