package io.storesight.identity.service;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.identity.config.IdentityConfig;

/**
 * Erases customers not seen for the retention period, through the manual erasure path; forgets the ids of processed
 * observations once their topic can no longer redeliver them.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final IdentityConfig config;
    private final CustomerService customers;
    private final ProcessedEvents processedEvents;

    public RetentionJob(IdentityConfig config, CustomerService customers, ProcessedEvents processedEvents) {
        this.config = config;
        this.customers = customers;
        this.processedEvents = processedEvents;
    }

    @Scheduled(every = "${storesight.identity.retention-check:1h}", delay = 30, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int erased = eraseExpired(Instant.now());
        if (erased > 0) {
            LOG.infof("retention erased %d customers not seen for %s", erased, config.retention());
        }
        processedEvents.purgeOlderThan(config.processedEventsRetention());
    }

    public int eraseExpired(Instant now) {
        return customers.eraseNotSeenSince(now.minus(config.retention()));
    }
}
