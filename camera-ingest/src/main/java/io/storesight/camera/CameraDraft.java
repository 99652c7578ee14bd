package io.storesight.camera;

/**
 * A camera as submitted (API body or config entry): every field may be missing; {@link CameraValidator} applies
 * defaults and checks it into {@link CameraSettings}.
 */
public record CameraDraft(
        String id,
        String name,
        String storeId,
        String role,
        String source,
        Double fps,
        Integer maxLongSide,
        Integer jpegQuality,
        Boolean motionGating,
        Double motionSensitivity,
        Boolean loop,
        Double sourceFps) {

    /** This draft with the missing fields taken from an existing camera (partial update). */
    public CameraDraft over(CameraSettings base) {
        return new CameraDraft(
                base.id(),
                or(name, base.name()),
                or(storeId, base.storeId()),
                or(role, base.role().wireName()),
                or(source, base.source()),
                or(fps, base.fps()),
                or(maxLongSide, base.maxLongSide()),
                or(jpegQuality, base.jpegQuality()),
                or(motionGating, base.motionGating()),
                or(motionSensitivity, base.motionSensitivity()),
                or(loop, base.loop()),
                or(sourceFps, base.sourceFps()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
