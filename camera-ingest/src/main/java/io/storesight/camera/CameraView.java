package io.storesight.camera;

/** A camera as the API shows it: its settings (stream passwords masked) and its live status. */
public record CameraView(
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
        String origin,
        CameraStatus status) {

    public static CameraView of(CameraSettings s, CameraStatus status) {
        return new CameraView(
                s.id(),
                s.name(),
                s.storeId(),
                s.role(),
                SourceSpec.mask(s.source()),
                s.fps(),
                s.maxLongSide(),
                s.jpegQuality(),
                s.motionGating(),
                s.motionSensitivity(),
                s.loop(),
                s.sourceFps(),
                s.paused(),
                s.origin(),
                status);
    }
}
