package io.storesight.identity.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.storesight.common.outbox.Outbox;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.persistence.PresenceRepository.Occupancy;

/**
 * Publishes how many people are inside each store (an OCCUPANCY {@link VisitEvent} on {@code visits}, through the
 * outbox): once a second it counts open visits and unrecognised visitors at the entrance, and publishes a store's
 * count when it changed, or when the heartbeat has passed since the last one (so a curve has a point every minute).
 * Counting from the tables rather than at each change keeps every path that opens or closes presence (frames, the
 * sweeper, merges, erasure) covered, and bounds the rate at one event per second per store.
 */
@ApplicationScoped
public class OccupancyPublisher {
    private record Published(Occupancy count, long at) {}

    private final Writer writer;
    private final PresenceRepository presence;
    private final Outbox outbox;
    private final IdentityConfig config;
    /** The last count published per store since this process started: a restart republishes every store. */
    private final Map<String, Published> published = new HashMap<>();

    public OccupancyPublisher(Writer writer, PresenceRepository presence, Outbox outbox, IdentityConfig config) {
        this.writer = writer;
        this.presence = presence;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(
            every = "1s",
            delay = 2,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        publish(System.currentTimeMillis());
    }

    /** Publishes the counts that changed or are due again at {@code now}; returns how many were published. */
    public synchronized int publish(long now) {
        long heartbeat = config.presence().occupancyHeartbeat().toMillis();
        Map<String, Published> due = new HashMap<>();
        // A read first: most seconds nothing changed, and then no write transaction is taken.
        presence.occupancy().forEach((store, count) -> {
            Published last = published.get(store);
            if (last == null || !last.count().equals(count) || now - last.at() >= heartbeat) {
                due.put(store, new Published(count, now));
            }
        });
        if (due.isEmpty()) {
            return 0;
        }
        writer.run(afterCommit -> {
            due.forEach((store, p) -> outbox.add(
                    Topics.VISITS,
                    VisitEvent.occupancyKey(store),
                    VisitEvent.occupancy(
                            store,
                            Instant.ofEpochMilli(now),
                            p.count().customers(),
                            p.count().visitors())));
            afterCommit.add(() -> published.putAll(due));
        });
        return due.size();
    }
}
