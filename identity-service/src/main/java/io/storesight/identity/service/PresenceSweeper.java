package io.storesight.identity.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.storesight.identity.CameraClock;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * Ends sightings and visits at cameras that went silent. Frames drive time; when none arrive, a camera's clock is
 * taken to run on with the wall clock since its last frame arrived, less a lag that absorbs pipeline delay. A camera
 * that still sends frames keeps its own capture clock, so replayed or delayed streams are not cut short.
 */
@ApplicationScoped
public class PresenceSweeper {
    private final IdentityConfig config;
    private final Writer writer;
    private final PresenceRepository presence;
    private final PresenceService presenceService;

    public PresenceSweeper(IdentityConfig config, Writer writer, PresenceRepository presence,
            PresenceService presenceService) {
        this.config = config;
        this.writer = writer;
        this.presence = presence;
        this.presenceService = presenceService;
    }

    @Scheduled(every = "1s", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep(System.currentTimeMillis());
    }

    public void sweep(long wallNow) {
        writer.write(afterCommit -> {
            List<CameraClock> clocks = presence.clocks();
            long lag = config.presence().sweepLag().toMillis();
            Map<String, Long> cameraNow = new HashMap<>();
            Map<String, Long> storeNow = new HashMap<>();
            for (CameraClock clock : clocks) {
                long silentFor = wallNow - clock.receivedAt() - lag;
                long now = clock.captureTime() + Math.max(0, silentFor);
                cameraNow.put(clock.cameraId(), now);
                storeNow.merge(clock.storeId(), now, Math::max);
            }
            for (CameraClock clock : clocks) {
                presenceService.endStale(clock.cameraId(), cameraNow.get(clock.cameraId()), clock.storeId(),
                        storeNow.get(clock.storeId()));
            }
            return null;
        });
    }
}
