package io.storesight.camera;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storesight.contracts.Ids;

/** Turns a draft into settings, or lists every problem with it (field → message). */
public final class CameraValidator {
    public static final double MAX_FPS = 60;

    /** Thrown with all problems of a draft at once, so the caller can fix them in one go. */
    public static final class InvalidCameraException extends IllegalArgumentException {
        private final Map<String, String> problems;

        InvalidCameraException(Map<String, String> problems) {
            super(String.join("; ", problems.values()));
            this.problems = Map.copyOf(problems);
        }

        public Map<String, String> problems() {
            return problems;
        }
    }

    /**
     * @param checkSource false for cameras from the config: a file that is missing at start (e.g. a volume mounted
     *                    later) should show as a failing camera with the reason, not stop the service
     */
    public static CameraSettings validate(
            CameraDraft draft,
            String defaultStoreId,
            String origin,
            boolean paused,
            boolean checkSource,
            MediaRoots roots) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (!Ids.valid(draft.id())) {
            problems.put("id", "id must be " + Ids.RULE + " (got " + Ids.shown(draft.id()) + ")");
        }
        if (draft.storeId() != null
                && !draft.storeId().isBlank()
                && !Ids.valid(draft.storeId().trim())) {
            problems.put("storeId", "storeId must be " + Ids.RULE + " (got " + Ids.shown(draft.storeId()) + ")");
        }
        CameraRole role = CameraRole.OTHER;
        try {
            role = CameraRole.parse(draft.role());
        } catch (IllegalArgumentException e) {
            problems.put("role", e.getMessage());
        }
        if (draft.source() == null || draft.source().isBlank()) {
            problems.put("source", "source is required");
        } else if (checkSource) {
            try {
                SourceSpec.parse(draft.source(), roots);
            } catch (IllegalArgumentException e) {
                problems.put("source", e.getMessage());
            }
        }
        double fps = draft.fps() == null ? CameraSettings.DEFAULT_FPS : draft.fps();
        if (!(fps > 0 && fps <= MAX_FPS)) {
            problems.put("fps", "fps must be greater than 0 and at most " + (int) MAX_FPS + " (got " + fps + ")");
        }
        int maxLongSide = draft.maxLongSide() == null ? CameraSettings.DEFAULT_MAX_LONG_SIDE : draft.maxLongSide();
        if (maxLongSide < 64 || maxLongSide > 4096) {
            problems.put("maxLongSide", "maxLongSide must be between 64 and 4096 pixels (got " + maxLongSide + ")");
        }
        int quality = draft.jpegQuality() == null ? CameraSettings.DEFAULT_JPEG_QUALITY : draft.jpegQuality();
        if (quality < 1 || quality > 100) {
            problems.put("jpegQuality", "jpegQuality must be between 1 and 100 (got " + quality + ")");
        }
        double sensitivity = draft.motionSensitivity() == null
                ? CameraSettings.DEFAULT_MOTION_SENSITIVITY
                : draft.motionSensitivity();
        if (!(sensitivity >= 0 && sensitivity <= 1)) {
            problems.put("motionSensitivity", "motionSensitivity must be between 0 and 1 (got " + sensitivity + ")");
        }
        if (draft.sourceFps() != null && !(draft.sourceFps() > 0 && draft.sourceFps() <= 120)) {
            problems.put(
                    "sourceFps", "sourceFps must be greater than 0 and at most 120 (got " + draft.sourceFps() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCameraException(problems);
        }
        String name = draft.name() == null || draft.name().isBlank()
                ? draft.id()
                : draft.name().trim();
        String storeId = draft.storeId() == null || draft.storeId().isBlank()
                ? defaultStoreId
                : draft.storeId().trim();
        return new CameraSettings(
                draft.id(),
                name,
                storeId,
                role,
                draft.source().trim(),
                fps,
                maxLongSide,
                quality,
                Boolean.TRUE.equals(draft.motionGating()),
                sensitivity,
                Boolean.TRUE.equals(draft.loop()),
                draft.sourceFps(),
                paused,
                origin);
    }

    private CameraValidator() {}
}
