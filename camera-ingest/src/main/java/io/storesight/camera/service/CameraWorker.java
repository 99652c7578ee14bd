package io.storesight.camera.service;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;
import org.opencv.core.Mat;

import io.storesight.camera.CameraSettings;
import io.storesight.camera.CameraState;
import io.storesight.camera.CameraStatus;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.messaging.FrameSink;
import io.storesight.common.Backoff;
import io.storesight.contracts.FrameHeaders.FrameMetadata;

/**
 * Runs one camera on its own threads, so that nothing a camera does (hang, crash, flood) reaches another: a capture
 * thread supervises the source (reconnect with backoff), samples, gates, resizes and encodes; a publish thread hands
 * frames from a small bounded queue to the sink. When the sink is slower than the camera, the oldest queued frame is
 * dropped and counted: memory stays bounded and what is published stays fresh.
 */
public final class CameraWorker {
    private static final Logger LOG = Logger.getLogger(CameraWorker.class);
    /** About 3 s at 5 fps: covers face-inference's usual latency at a few MB per camera. */
    private static final int RECENT_FRAMES = 16;

    /** Tuning shared by all cameras. */
    public record Tuning(
            int queueCapacity, Backoff backoff, int failedAfter, Duration stallTimeout, Duration motionHeartbeat) {}

    /** An encoded frame with its metadata, in memory only. */
    public record Snapshot(FrameMetadata metadata, byte[] jpeg) {}

    private record Outgoing(FrameMetadata metadata, byte[] jpeg) {}

    private final CameraSettings settings;
    private final boolean finite;
    private final SourceFactory sources;
    private final FrameSink sink;
    private final Tuning tuning;
    private final ArrayBlockingQueue<Outgoing> queue;

    private final AtomicLong framesIn = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong publishErrors = new AtomicLong();
    private final AtomicLong skippedByMotion = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final RateMeter inRate = new RateMeter();
    private final RateMeter outRate = new RateMeter();

    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private volatile boolean stopped;
    private volatile boolean publishFailing;
    private volatile CameraState state = CameraState.STARTING;
    private volatile Instant stateSince = Instant.now();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant lastFrameAt;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile FrameSource current;
    /** The last few encoded frames, so the live view can draw an observation on the very frame it describes. */
    private final ArrayDeque<Snapshot> recent = new ArrayDeque<>();

    private Thread captureThread;
    private Thread publishThread;

    /** @param finite true for a file or folder played once: its end is the end, not a failure */
    public CameraWorker(CameraSettings settings, boolean finite, SourceFactory sources, FrameSink sink, Tuning tuning) {
        this.settings = settings;
        this.finite = finite;
        this.sources = sources;
        this.sink = sink;
        this.tuning = tuning;
        this.queue = new ArrayBlockingQueue<>(tuning.queueCapacity());
        this.paused = settings.paused();
    }

    public synchronized void start() {
        if (paused) {
            setState(CameraState.PAUSED);
        }
        captureThread = new Thread(this::captureLoop, "cam-" + settings.id() + "-capture");
        publishThread = new Thread(this::publishLoop, "cam-" + settings.id() + "-publish");
        captureThread.setDaemon(true);
        publishThread.setDaemon(true);
        captureThread.start();
        publishThread.start();
    }

    public void stop() {
        stopped = true;
        closeSource();
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        for (Thread thread : new Thread[] {captureThread, publishThread}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        queue.clear();
    }

    public void pause() {
        paused = true;
        closeSource();
        setState(CameraState.PAUSED);
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
        synchronized (this) {
            // A file that had ended was paused: its capture thread is gone, so resuming plays it again.
            if (!stopped && captureThread != null && !captureThread.isAlive()) {
                setState(CameraState.STARTING);
                captureThread = new Thread(this::captureLoop, "cam-" + settings.id() + "-capture");
                captureThread.setDaemon(true);
                captureThread.start();
            }
        }
    }

    /** Called periodically: a source that went silent (hung decoder, frozen stream) is closed and reconnected. */
    public void checkStall(long nowNanos) {
        FrameSource source = current;
        long limit = Math.max(tuning.stallTimeout().toNanos(), (long) (3_000_000_000d / settings.playbackFps()));
        if (source != null && !paused && nowNanos - lastActivityNanos > limit) {
            error("no frame for " + TimeUnit.NANOSECONDS.toSeconds(nowNanos - lastActivityNanos)
                    + " s; restarting the source");
            lastActivityNanos = nowNanos;
            source.close();
        }
    }

    private void captureLoop() {
        int failures = 0;
        while (!stopped) {
            if (awaitResume()) {
                return;
            }
            boolean gotFrame = false;
            boolean ended = false;
            lastActivityNanos = System.nanoTime();
            FrameSampler sampler = new FrameSampler(settings.fps());
            MotionGate motion = settings.motionGating()
                    ? new MotionGate(
                            settings.motionSensitivity(),
                            tuning.motionHeartbeat().toNanos())
                    : null;
            try (FrameSource source = sources.open(settings)) {
                current = source;
                if (stopped || paused) {
                    continue;
                }
                CapturedFrame frame;
                while (!stopped && !paused && (frame = source.next()) != null) {
                    lastActivityNanos = System.nanoTime();
                    if (!gotFrame) {
                        gotFrame = true;
                        failures = 0;
                        setState(CameraState.STREAMING);
                    }
                    handle(frame, sampler, motion);
                }
                ended = !stopped && !paused;
            } catch (IOException | RuntimeException e) {
                if (!stopped && !paused) {
                    error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            } finally {
                current = null;
                if (motion != null) {
                    motion.close();
                }
            }
            if (stopped || paused) {
                continue;
            }
            if (ended && finite && gotFrame) {
                setState(CameraState.ENDED);
                return;
            }
            if (ended) {
                error(gotFrame ? "source ended" : "source ended without delivering a frame");
            }
            failures++;
            reconnects.incrementAndGet();
            setState(failures >= tuning.failedAfter() ? CameraState.FAILED : CameraState.RECONNECTING);
            Duration delay = tuning.backoff().delay(failures);
            LOG.infof(
                    "camera %s: %s (%s); retrying in %d ms",
                    settings.id(), state.wireName(), lastError, delay.toMillis());
            if (sleep(delay)) {
                return;
            }
        }
    }

    /** Waits while paused; true when the worker was stopped meanwhile. */
    private boolean awaitResume() {
        synchronized (pauseLock) {
            while (paused && !stopped) {
                setState(CameraState.PAUSED);
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    return true;
                }
            }
        }
        if (!stopped && state == CameraState.PAUSED) {
            setState(CameraState.STARTING);
        }
        return stopped;
    }

    private boolean sleep(Duration delay) {
        synchronized (pauseLock) {
            try {
                // Waiting on the pause lock lets resume() and stop() cut the backoff short.
                pauseLock.wait(Math.max(1, delay.toMillis()));
            } catch (InterruptedException e) {
                return true;
            }
        }
        return stopped;
    }

    private void handle(CapturedFrame frame, FrameSampler sampler, MotionGate motion) {
        framesIn.incrementAndGet();
        inRate.mark();
        lastFrameAt = frame.captureTime();
        if (!sampler.accept(frame.timelineNanos())) {
            return;
        }
        Mat image = frame.image().get();
        if (image == null) {
            error("a frame could not be decoded");
            return;
        }
        Mat sized = Frames.fitLongSide(image, settings.maxLongSide());
        try {
            if (motion != null && !motion.accept(sized, frame.timelineNanos())) {
                skippedByMotion.incrementAndGet();
                return;
            }
            byte[] jpeg = Frames.jpeg(sized, settings.jpegQuality());
            long seq = sequence.incrementAndGet();
            long epochMs = frame.captureTime().toEpochMilli();
            FrameMetadata metadata = new FrameMetadata(
                    settings.id() + "-" + epochMs + "-" + seq,
                    settings.id(),
                    settings.storeId(),
                    settings.role().wireName(),
                    frame.captureTime(),
                    seq,
                    sized.cols(),
                    sized.rows());
            remember(new Snapshot(metadata, jpeg));
            enqueue(new Outgoing(metadata, jpeg));
            outRate.mark();
        } finally {
            if (sized != image) {
                sized.release();
            }
            image.release();
        }
    }

    private void enqueue(Outgoing frame) {
        while (!queue.offer(frame)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    private void publishLoop() {
        while (!stopped) {
            Outgoing frame;
            try {
                frame = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (frame == null) {
                continue;
            }
            try {
                sink.publish(frame.metadata(), frame.jpeg(), this::published);
            } catch (RuntimeException e) {
                published(e);
            }
        }
    }

    private void published(Exception error) {
        if (error == null) {
            published.incrementAndGet();
            if (publishFailing) {
                publishFailing = false;
                LOG.infof("camera %s: publishing resumed", settings.id());
            }
        } else {
            publishErrors.incrementAndGet();
            dropped.incrementAndGet();
            // One log line per outage, not one per frame.
            record("publishing failed: " + error.getMessage(), !publishFailing);
            publishFailing = true;
        }
    }

    private void error(String message) {
        record(message, true);
    }

    private void record(String message, boolean log) {
        String masked = SourceSpec.mask(message);
        if (log && !masked.equals(lastError)) {
            LOG.warnf("camera %s: %s", settings.id(), masked);
        }
        lastError = masked;
        lastErrorAt = Instant.now();
    }

    private void setState(CameraState next) {
        if (state != next) {
            state = next;
            stateSince = Instant.now();
        }
    }

    private void closeSource() {
        FrameSource source = current;
        if (source != null) {
            source.close();
        }
    }

    public CameraSettings settings() {
        return settings;
    }

    private void remember(Snapshot snapshot) {
        synchronized (recent) {
            recent.addLast(snapshot);
            if (recent.size() > RECENT_FRAMES) {
                recent.removeFirst();
            }
        }
    }

    public Snapshot latest() {
        synchronized (recent) {
            return recent.peekLast();
        }
    }

    /** A recent frame by id, if still held. */
    public Optional<Snapshot> recent(String frameId) {
        synchronized (recent) {
            return recent.stream()
                    .filter(s -> s.metadata().frameId().equals(frameId))
                    .findFirst();
        }
    }

    public CameraState state() {
        return state;
    }

    public CameraStatus status() {
        return new CameraStatus(
                state,
                stateSince,
                inRate.perSecond(),
                outRate.perSecond(),
                framesIn.get(),
                published.get(),
                dropped.get(),
                publishErrors.get(),
                skippedByMotion.get(),
                queue.size(),
                reconnects.get(),
                lastError,
                lastErrorAt,
                lastFrameAt);
    }

    /** Counters for metrics, read live. */
    public long framesIn() {
        return framesIn.get();
    }

    public long published() {
        return published.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long skippedByMotion() {
        return skippedByMotion.get();
    }

    public long publishErrors() {
        return publishErrors.get();
    }
}
