package io.storesight.analytics.service;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.storesight.analytics.config.AnalyticsConfig;
import io.storesight.common.persistence.ProcessedEvents;

/** Forgets the ids of applied events once their topics can no longer redeliver them, hourly. */
@ApplicationScoped
public class Housekeeping {
    private final AnalyticsConfig config;
    private final ProcessedEvents processedEvents;

    public Housekeeping(AnalyticsConfig config, ProcessedEvents processedEvents) {
        this.config = config;
        this.processedEvents = processedEvents;
    }

    @Scheduled(every = "1h", delay = 60, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        purge();
    }

    /** Returns how many ids went. */
    public int purge() {
        return processedEvents.purgeOlderThan(config.processedEventsRetention());
    }
}
