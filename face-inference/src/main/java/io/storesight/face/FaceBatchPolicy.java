package io.storesight.face;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When a batch of frames goes to the networks. Faces are only known after detection, so each frame counts with the
 * number of faces its camera showed last time (at least one): the batch flushes when that estimate reaches
 * {@code maxFaces}, or when its oldest frame has waited {@code maxWait}. Not thread-safe: one per worker.
 */
public final class FaceBatchPolicy {
    private final int maxFaces;
    private final long maxWaitNanos;
    private final Map<String, Integer> lastFacesByCamera = new HashMap<>();
    private int frames;
    private int expectedFaces;
    private long oldestNanos;

    public FaceBatchPolicy(int maxFaces, Duration maxWait) {
        if (maxFaces < 1) {
            throw new IllegalArgumentException("batch size must be at least one face, got " + maxFaces);
        }
        this.maxFaces = maxFaces;
        this.maxWaitNanos = maxWait.toNanos();
    }

    public void added(String cameraId, long nowNanos) {
        if (frames == 0) {
            oldestNanos = nowNanos;
        }
        frames++;
        expectedFaces += Math.max(1, lastFacesByCamera.getOrDefault(cameraId, 1));
    }

    /** Feeds back what a camera's frame really held. */
    public void observed(String cameraId, int faces) {
        lastFacesByCamera.put(cameraId, faces);
    }

    public boolean full() {
        return expectedFaces >= maxFaces;
    }

    public boolean due(long nowNanos) {
        return frames > 0 && (full() || nowNanos - oldestNanos >= maxWaitNanos);
    }

    /** How long the caller may block waiting for more frames; {@code maxWait} when the batch is empty. */
    public Duration patience(long nowNanos) {
        if (frames == 0) {
            return Duration.ofNanos(maxWaitNanos);
        }
        return Duration.ofNanos(Math.max(0, oldestNanos + maxWaitNanos - nowNanos));
    }

    public void flushed() {
        frames = 0;
        expectedFaces = 0;
    }
}
