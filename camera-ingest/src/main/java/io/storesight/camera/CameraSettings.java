package io.storesight.camera;

/**
 * Everything configurable about one camera, as stored and as validated. {@code sourceFps} is the playback rate of
 * an image folder (null: the target fps); {@code origin} says whether the camera came from the application config,
 * the demo or the REST API.
 */
public record CameraSettings(
        String id,
        String name,
        String storeId,
        CameraRole role,
        String source,
        double fps,
        int maxLongSide,
        int jpegQuality,
        boolean motionGating,
        double motionSensitivity,
        boolean loop,
        Double sourceFps,
        boolean paused,
        String origin) {

    public static final double DEFAULT_FPS = 5;
    public static final int DEFAULT_MAX_LONG_SIDE = 1280;
    public static final int DEFAULT_JPEG_QUALITY = 85;
    public static final double DEFAULT_MOTION_SENSITIVITY = 0.5;

    public static final String ORIGIN_CONFIG = "config";
    public static final String ORIGIN_DEMO = "demo";
    public static final String ORIGIN_API = "api";

    public CameraSettings withPaused(boolean value) {
        return new CameraSettings(
                id,
                name,
                storeId,
                role,
                source,
                fps,
                maxLongSide,
                jpegQuality,
                motionGating,
                motionSensitivity,
                loop,
                sourceFps,
                value,
                origin);
    }

    public double playbackFps() {
        return sourceFps == null ? fps : sourceFps;
    }
}
