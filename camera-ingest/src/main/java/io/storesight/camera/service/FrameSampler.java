package io.storesight.camera.service;

/**
 * Keeps frames at a target rate by their timestamps, not by counting: a 25 fps and a jittery 12 fps source both
 * come out at the target rate, and a source slower than the target passes every frame.
 */
public final class FrameSampler {
    /** Absorbs the rounding of frame times (e.g. 29.97 fps) so that a frame due "now" is not pushed to the next. */
    private static final long TOLERANCE_NANOS = 1_000_000;

    private final long intervalNanos;
    private long nextDue;
    private boolean started;

    public FrameSampler(double targetFps) {
        if (!(targetFps > 0)) {
            throw new IllegalArgumentException("target fps must be positive");
        }
        this.intervalNanos = (long) (1_000_000_000d / targetFps);
    }

    public boolean accept(long timelineNanos) {
        if (!started) {
            started = true;
            nextDue = timelineNanos + intervalNanos;
            return true;
        }
        if (timelineNanos - nextDue < -TOLERANCE_NANOS) {
            return false;
        }
        nextDue += intervalNanos;
        if (nextDue <= timelineNanos) {
            // After a gap (stall, slow source) restart the grid instead of bursting to catch up.
            nextDue = timelineNanos + intervalNanos;
        }
        return true;
    }
}
