package io.storesight.face;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.Point2;

/** Turns the engine's view of a frame into the {@code face-observations} event of the contracts. */
public final class Observations {

    public static FaceObservationEvent toEvent(
            FrameMetadata frame,
            FaceAnalysis analysis,
            Map<String, String> modelVersions,
            double processingMillis,
            Instant now) {
        List<FaceObservationEvent.Face> faces =
                analysis.faces().stream().map(Observations::toFace).toList();
        return new FaceObservationEvent(
                FaceObservationEvent.eventIdFor(frame.frameId()),
                FaceObservationEvent.Type.FACES_OBSERVED,
                FaceObservationEvent.SCHEMA_VERSION,
                now,
                frame.frameId(),
                frame.cameraId(),
                frame.storeId(),
                frame.cameraRole(),
                frame.captureTime(),
                processingMillis,
                analysis.width(),
                analysis.height(),
                modelVersions,
                faces);
    }

    private static FaceObservationEvent.Face toFace(DetectedFace face) {
        var box = face.box();
        var quality = face.quality();
        return new FaceObservationEvent.Face(
                new FaceObservationEvent.Box(box.x(), box.y(), box.width(), box.height()),
                face.score(),
                points(face.keypoints()),
                new FaceObservationEvent.Quality(
                        quality.score(), quality.faceSize(), quality.sharpness(), quality.yaw(), quality.roll()),
                face.descriptor(),
                face.age(),
                face.ageBand(),
                FaceObservationEvent.Gender.valueOf(face.gender().name()),
                face.genderConfidence());
    }

    private static List<FaceObservationEvent.Point> points(List<Point2> points) {
        return points.stream()
                .map(p -> new FaceObservationEvent.Point(p.x(), p.y()))
                .toList();
    }

    private Observations() {}
}
