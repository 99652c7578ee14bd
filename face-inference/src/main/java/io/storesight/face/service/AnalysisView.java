package io.storesight.face.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.StageTimings;

/** The JSON of {@code POST /api/v1/analyze}: pixel coordinates of the image as uploaded. */
public record AnalysisView(int width, int height, List<FaceView> faces, TimingsView timings) {

    public record FaceView(
            BoxView box,
            float score,
            List<PointView> keypoints,
            QualityView quality,
            float age,
            String ageBand,
            String gender,
            float genderConfidence,
            @JsonInclude(JsonInclude.Include.NON_NULL) float[] descriptor) {}

    public record BoxView(float x, float y, float width, float height) {}

    public record PointView(float x, float y) {}

    public record QualityView(float score, float faceSize, float sharpness, float yaw, float roll) {}

    public record TimingsView(
            double decodeMs, double detectMs, double landmarksMs, double descriptorMs, double ageGenderMs) {}

    /** Descriptors are biometric data: only admin callers ask for them, so leaving them out is the default. */
    static AnalysisView of(FaceAnalysis analysis, boolean withDescriptors) {
        return new AnalysisView(
                analysis.width(),
                analysis.height(),
                analysis.faces().stream()
                        .map(face -> face(face, withDescriptors))
                        .toList(),
                timings(analysis.timings()));
    }

    static BoxView box(DetectedFace face) {
        var box = face.box();
        return new BoxView(box.x(), box.y(), box.width(), box.height());
    }

    private static FaceView face(DetectedFace face, boolean withDescriptor) {
        var q = face.quality();
        return new FaceView(
                box(face),
                face.score(),
                face.keypoints().stream().map(p -> new PointView(p.x(), p.y())).toList(),
                new QualityView(q.score(), q.faceSize(), q.sharpness(), q.yaw(), q.roll()),
                face.age(),
                face.ageBand(),
                face.gender().name(),
                face.genderConfidence(),
                withDescriptor ? face.descriptor() : null);
    }

    private static TimingsView timings(StageTimings t) {
        return new TimingsView(t.decodeMs(), t.detectMs(), t.landmarksMs(), t.descriptorMs(), t.ageGenderMs());
    }
}
