package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import io.storesight.testsupport.Calibration;

/** The calibration set through a pipeline, and how far a reduced-precision pipeline's descriptors move from fp32's. */
final class CalibrationRuns {

    private CalibrationRuns() {}

    /** The largest face of every calibration photo, in the photos' order. */
    static List<DetectedFace> largestFaces(FacePipeline pipeline) {
        return Calibration.photos().stream()
                .map(photo -> largest(pipeline.analyze(photo.bytes())))
                .toList();
    }

    static DetectedFace largest(FaceAnalysis analysis) {
        return analysis.faces().stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
                .orElseThrow();
    }

    /** Every descriptor within {@code max} of its fp32 one, and within {@code maxMean} on average. */
    static void assertDescriptorsWithin(
            List<DetectedFace> reference, List<DetectedFace> reduced, double max, double maxMean) {
        double sum = 0;
        for (int i = 0; i < reference.size(); i++) {
            double drift = FaceDistance.euclidean(
                    reference.get(i).descriptor(), reduced.get(i).descriptor());
            assertTrue(drift < max, Calibration.photos().get(i).file() + " moved by " + drift);
            sum += drift;
        }
        assertTrue(sum / reference.size() < maxMean, "mean drift " + sum / reference.size());
    }
}
