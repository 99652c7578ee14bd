package io.storesight.identity.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.storesight.common.persistence.Writer;
import io.storesight.identity.CameraClock;
import io.storesight.identity.ObservationBacklog;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * Ends tracks, sightings and visits at cameras that went silent. Frames drive time; when none arrive, a camera's clock is
 * taken to run on with the wall clock since its last frame arrived, less a lag that absorbs pipeline delay. A camera
 * that still sends frames keeps its own capture clock, so replayed or delayed streams are not cut short. A store's
 * clock is the earliest of its cameras' clocks: a camera working off a backlog holds the store's visits open until
 * its frames have caught up, and a silent one holds nothing for long, since its clock runs on. No clock runs on while
 * identity-service itself works through queued observations ({@link ObservationBacklog}).
 */
@ApplicationScoped
public class PresenceSweeper {
    private final IdentityConfig config;
    private final Writer writer;
    private final PresenceRepository presence;
    private final PresenceService presenceService;
    private final TrackService trackService;
    private final ObservationBacklog backlog;

    public PresenceSweeper(
            IdentityConfig config,
            Writer writer,
            PresenceRepository presence,
            PresenceService presenceService,
            TrackService trackService,
            ObservationBacklog backlog) {
        this.config = config;
        this.writer = writer;
        this.presence = presence;
        this.presenceService = presenceService;
        this.trackService = trackService;
        this.backlog = backlog;
    }

    @Scheduled(
            every = "1s",
            delay = 1,
            delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep(System.currentTimeMillis());
    }

    public void sweep(long wallNow) {
        writer.write(afterCommit -> {
            List<CameraClock> clocks = presence.clocks();
            long lag = config.presence().sweepLag().toMillis();
            // while observations are queued, a quiet camera is most likely one whose frames are still in the queue
            boolean queued = backlog.behind(
                    wallNow, lag, config.presence().startupGrace().toMillis());
            Map<String, Long> cameraNow = new HashMap<>();
            Map<String, Long> storeNow = new HashMap<>();
            for (CameraClock clock : clocks) {
                long silentFor = queued ? 0 : wallNow - clock.receivedAt() - lag;
                long now = clock.captureTime() + Math.max(0, silentFor);
                cameraNow.put(clock.cameraId(), now);
                // The store's clock is the watermark of its cameras, as when an observation is processed: a camera
                // still delivering holds it at its own capture time. (A MAX here let a camera whose backlog ran
                // ahead end visits that a slower camera still held in frames not processed yet; every later frame
                // of that camera then started a new visit, and the next sweep ended it again.)
                storeNow.merge(clock.storeId(), now, Math::min);
            }
            for (CameraClock clock : clocks) {
                trackService.endStale(clock.cameraId(), cameraNow.get(clock.cameraId()));
                presenceService.endStale(
                        clock.cameraId(),
                        cameraNow.get(clock.cameraId()),
                        clock.storeId(),
                        storeNow.get(clock.storeId()));
            }
            return null;
        });
    }
}
