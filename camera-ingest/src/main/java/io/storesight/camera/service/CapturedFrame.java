package io.storesight.camera.service;

import java.time.Instant;

import org.opencv.core.Mat;

/**
 * A decoded frame as it left the source. The image is materialised only on demand because most frames are
 * dropped by sampling (e.g. 25 fps in, 5 fps out) and converting each to a Mat would waste CPU.
 *
 * @param timelineNanos the frame's time on the source's own clock (media time for files and folders, monotonic
 *                      wall time for live sources); sampling uses it
 * @param captureTime   the wall-clock capture time published in the frame headers
 */
public record CapturedFrame(long timelineNanos, Instant captureTime, ImageSupplier image) {

    @FunctionalInterface
    public interface ImageSupplier {
        /** A new BGR Mat the caller releases, or null when the frame cannot be decoded. */
        Mat get();
    }
}
