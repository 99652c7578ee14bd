package io.storesight.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One processed frame on {@code face-observations} (key: camera id). Sent for every frame, also with no faces: an
 * empty list tells identity-service that the camera is alive and nobody is there. Carries descriptors, so the
 * topic has short retention and the event never leaves the identity boundary.
 */
public record FaceObservationEvent(
        String eventId,
        Type type,
        int schemaVersion,
        Instant timestamp,
        String frameId,
        @IdField String cameraId,
        @IdField String storeId,
        @OptionalField String cameraRole,
        Instant captureTime,
        double processingMillis,
        int imageWidth,
        int imageHeight,
        @OptionalField Map<String, String> modelVersions,
        List<Face> faces)
        implements Event {

    public static final int SCHEMA_VERSION = 1;

    public enum Type {
        FACES_OBSERVED
    }

    public FaceObservationEvent {
        faces = faces == null ? null : List.copyOf(faces);
        modelVersions = modelVersions == null ? null : Map.copyOf(modelVersions);
    }

    /** Redelivery of a frame must yield the same event id, so it is derived from the frame id. */
    public static String eventIdFor(String frameId) {
        return "obs-" + frameId;
    }

    @Override
    public String typeName() {
        return type.name();
    }

    /** One detected face. Coordinates are pixels of the frame as published. */
    public record Face(
            Box box,
            float score,
            @OptionalField List<Point> keypoints,
            Quality quality,
            float[] descriptor,
            float age,
            String ageBand,
            Gender gender,
            float genderConfidence) {}

    public record Box(float x, float y, float width, float height) {}

    public record Point(float x, float y) {}

    /** Overall score in 0..1 and its parts: face size (px), sharpness (Laplacian variance), pose (degrees). */
    public record Quality(float score, float faceSize, float sharpness, float yaw, float roll) {}

    public enum Gender {
        MALE,
        FEMALE
    }
}
