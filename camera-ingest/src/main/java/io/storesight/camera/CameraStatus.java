package io.storesight.camera;

import java.time.Instant;

/** What a camera is doing now, for the API and metrics. Counters start at zero when the camera (re)starts. */
public record CameraStatus(
        CameraState state,
        Instant stateSince,
        double fpsIn,
        double fpsOut,
        long framesIn,
        long published,
        long dropped,
        long publishErrors,
        long skippedByMotion,
        int queued,
        long reconnects,
        String lastError,
        Instant lastErrorAt,
        Instant lastFrameAt) {}
