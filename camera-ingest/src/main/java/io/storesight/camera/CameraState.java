package io.storesight.camera;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Lifecycle of one camera. {@code ENDED} is for a video file or image folder without loop that has played to its
 * end: not an error, and nothing left to reconnect to.
 */
public enum CameraState {
    STARTING,
    STREAMING,
    RECONNECTING,
    FAILED,
    PAUSED,
    ENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For the Prometheus gauge: one number per state. */
    public int code() {
        return ordinal();
    }
}
