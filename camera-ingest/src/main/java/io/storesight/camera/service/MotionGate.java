package io.storesight.camera.service;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Skips frames that do not differ from the last frame let through. Frames are compared as small blurred greyscale
 * thumbnails (cheap, and immune to sensor noise); the share of changed pixels must exceed a threshold derived from
 * the sensitivity. A heartbeat lets one frame through every so often even without motion, because someone standing
 * still at the counter must stay "present" downstream (identity-service ends a visit after an absence).
 */
public final class MotionGate implements AutoCloseable {
    private static final int THUMB_WIDTH = 160;
    private static final int PIXEL_THRESHOLD = 25;

    private final double minChangedFraction;
    private final long heartbeatNanos;
    private Mat reference;
    private long lastPassNanos;

    /** @param sensitivity 0 (only large changes) to 1 (tiny changes) */
    public MotionGate(double sensitivity, long heartbeatNanos) {
        this.minChangedFraction = changedFractionFor(sensitivity);
        this.heartbeatNanos = heartbeatNanos;
    }

    static double changedFractionFor(double sensitivity) {
        return 0.001 + 0.05 * (1 - Math.max(0, Math.min(1, sensitivity)));
    }

    /** True when the frame should be published. */
    public boolean accept(Mat bgr, long timelineNanos) {
        Mat thumb = thumbnail(bgr);
        if (reference == null
                || reference.size().width != thumb.size().width
                || reference.size().height != thumb.size().height) {
            return pass(thumb, timelineNanos);
        }
        Mat diff = new Mat();
        try {
            Core.absdiff(thumb, reference, diff);
            Imgproc.threshold(diff, diff, PIXEL_THRESHOLD, 255, Imgproc.THRESH_BINARY);
            double changed = Core.countNonZero(diff) / (double) diff.total();
            if (changed >= minChangedFraction || timelineNanos - lastPassNanos >= heartbeatNanos) {
                return pass(thumb, timelineNanos);
            }
        } finally {
            diff.release();
        }
        thumb.release();
        return false;
    }

    private boolean pass(Mat thumb, long timelineNanos) {
        if (reference != null) {
            reference.release();
        }
        reference = thumb;
        lastPassNanos = timelineNanos;
        return true;
    }

    private static Mat thumbnail(Mat bgr) {
        Mat small = new Mat();
        double scale = THUMB_WIDTH / (double) bgr.cols();
        Imgproc.resize(
                bgr,
                small,
                new Size(THUMB_WIDTH, Math.max(1, Math.round(bgr.rows() * scale))),
                0,
                0,
                Imgproc.INTER_AREA);
        Imgproc.cvtColor(small, small, Imgproc.COLOR_BGR2GRAY);
        Imgproc.GaussianBlur(small, small, new Size(5, 5), 0);
        return small;
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.release();
            reference = null;
        }
    }
}
