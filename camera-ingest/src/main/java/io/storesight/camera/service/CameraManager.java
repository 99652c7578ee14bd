package io.storesight.camera.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.MediaRoots;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.config.IngestConfig;
import io.storesight.camera.messaging.FramePublisher;
import io.storesight.common.Backoff;

/**
 * The running cameras: one {@link CameraWorker} each, their metrics, and a watchdog for silent sources. Knows nothing
 * of persistence; {@link CameraService} decides what runs.
 */
@ApplicationScoped
public class CameraManager {
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final IngestConfig config;
    private final FramePublisher publisher;
    private final MeterRegistry registry;
    private final CameraWorker.Tuning tuning;
    private final MediaRoots roots;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "camera-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private record Running(CameraWorker worker, List<Meter> meters) {}

    public CameraManager(IngestConfig config, FramePublisher publisher, MeterRegistry registry, MediaRoots roots) {
        this.config = config;
        this.roots = roots;
        this.publisher = publisher;
        this.registry = registry;
        this.tuning = new CameraWorker.Tuning(
                config.queueCapacity(),
                new Backoff(config.backoffInitial(), config.backoffMax()),
                config.failedAfter(),
                config.stallTimeout(),
                config.motionHeartbeat());
        Frames.loadOpenCv();
        watchdog.scheduleWithFixedDelay(this::checkStalls, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts a camera, or restarts it with new settings (counters begin again). */
    public synchronized void run(CameraSettings settings) {
        stop(settings.id());
        CameraWorker worker = new CameraWorker(settings, finite(settings), this::open, publisher, tuning);
        running.put(settings.id(), new Running(worker, registerMeters(worker)));
        worker.start();
    }

    public synchronized void stop(String id) {
        Running old = running.remove(id);
        if (old != null) {
            old.meters().forEach(registry::remove);
            old.worker().stop();
        }
    }

    public void pause(String id) {
        worker(id).ifPresent(CameraWorker::pause);
    }

    public void resume(String id) {
        worker(id).ifPresent(CameraWorker::resume);
    }

    public Optional<CameraWorker> worker(String id) {
        return Optional.ofNullable(running.get(id)).map(Running::worker);
    }

    public Collection<CameraWorker> workers() {
        return running.values().stream().map(Running::worker).toList();
    }

    private FrameSource open(CameraSettings settings) throws IOException {
        SourceSpec spec;
        try {
            spec = SourceSpec.parse(settings.source(), roots);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (spec.kind() == SourceSpec.Kind.IMAGE_FOLDER) {
            return new ImageFolderSource(Path.of(spec.location()), settings.playbackFps(), settings.loop());
        }
        String ffmpeg;
        try {
            ffmpeg = Ffmpeg.locate(config.ffmpeg());
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new FfmpegSource(ffmpeg, settings.id(), spec, settings, config.connectTimeout());
    }

    private boolean finite(CameraSettings settings) {
        if (settings.loop()) {
            return false;
        }
        try {
            return SourceSpec.parse(settings.source(), roots).isLocalMedia();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<Meter> registerMeters(CameraWorker worker) {
        CameraSettings settings = worker.settings();
        Tags tags = Tags.of(
                "camera",
                settings.id(),
                "store",
                settings.storeId(),
                "role",
                settings.role().wireName());
        List<Meter> meters = new ArrayList<>();
        meters.add(FunctionCounter.builder("storesight.camera.frames.in", worker, CameraWorker::framesIn)
                .description("Frames decoded from the source")
                .tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder("storesight.camera.frames.published", worker, CameraWorker::published)
                .description("Frames acknowledged by Kafka")
                .tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder("storesight.camera.frames.dropped", worker, CameraWorker::dropped)
                .description("Frames dropped: queue full or publish failed")
                .tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder(
                        "storesight.camera.frames.skipped.motion", worker, CameraWorker::skippedByMotion)
                .description("Frames skipped by motion gating")
                .tags(tags)
                .register(registry));
        meters.add(FunctionCounter.builder("storesight.camera.publish.errors", worker, CameraWorker::publishErrors)
                .description("Frames Kafka did not accept")
                .tags(tags)
                .register(registry));
        meters.add(Gauge.builder(
                        "storesight.camera.fps.in", worker, w -> w.status().fpsIn())
                .description("Decoded frames per second")
                .tags(tags)
                .register(registry));
        meters.add(Gauge.builder(
                        "storesight.camera.fps.out", worker, w -> w.status().fpsOut())
                .description("Encoded frames per second")
                .tags(tags)
                .register(registry));
        meters.add(
                Gauge.builder("storesight.camera.state", worker, w -> w.state().code())
                        .description("0 starting, 1 streaming, 2 reconnecting, 3 failed, 4 paused, 5 ended")
                        .tags(tags)
                        .register(registry));
        return meters;
    }

    private void checkStalls() {
        long now = System.nanoTime();
        for (Running camera : running.values()) {
            camera.worker().checkStall(now);
        }
    }

    @PreDestroy
    synchronized void shutdown() {
        watchdog.shutdownNow();
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }
}
