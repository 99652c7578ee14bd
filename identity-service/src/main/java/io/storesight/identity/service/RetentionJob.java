package io.storesight.identity.service;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.common.persistence.Writer;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.LogRepository;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * Enforces {@code storesight.identity.retention}: erases customers not seen for that long, through the manual erasure
 * path, and of the customers still coming drops the log entries and the ended visits (with their sightings) older than
 * that. Forgets the ids of processed observations once their topic can no longer redeliver them.
 */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int BATCH = 1_000;

    /** What one pass removed. */
    public record Pass(int erasedCustomers, int endedVisits, int logEntries, int processedEvents) {}

    private final IdentityConfig config;
    private final CustomerService customers;
    private final ProcessedEvents processedEvents;
    private final Writer writer;
    private final PresenceRepository presence;
    private final LogRepository logs;

    public RetentionJob(
            IdentityConfig config,
            CustomerService customers,
            ProcessedEvents processedEvents,
            Writer writer,
            PresenceRepository presence,
            LogRepository logs) {
        this.config = config;
        this.customers = customers;
        this.processedEvents = processedEvents;
        this.writer = writer;
        this.presence = presence;
        this.logs = logs;
    }

    @Scheduled(
            every = "${storesight.identity.retention-check:1h}",
            delay = 30,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        Pass pass = run(Instant.now());
        if (pass.erasedCustomers() + pass.endedVisits() + pass.logEntries() > 0) {
            LOG.infof(
                    "retention (%s): erased %d customers, %d ended visits and %d log entries",
                    config.retention(), pass.erasedCustomers(), pass.endedVisits(), pass.logEntries());
        }
    }

    public Pass run(Instant now) {
        long cutoff = now.minus(config.retention()).toEpochMilli();
        int erased = eraseExpired(now);
        int visits = writer.inBatches(BATCH, limit -> presence.purgeEndedVisits(cutoff, limit));
        int entries = writer.inBatches(BATCH, limit -> logs.purge(cutoff, limit));
        int processed = processedEvents.purgeOlderThan(config.processedEventsRetention());
        return new Pass(erased, visits, entries, processed);
    }

    public int eraseExpired(Instant now) {
        return customers.eraseNotSeenSince(now.minus(config.retention()));
    }
}
