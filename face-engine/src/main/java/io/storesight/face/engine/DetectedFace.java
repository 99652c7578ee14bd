package io.storesight.face.engine;

import java.util.List;

/**
 * One face. Coordinates are pixels of the analysed image.
 *
 * @param keypoints  BlazeFace's 6: right eye, left eye, nose tip, mouth, right ear, left ear (subject's sides)
 * @param landmarks  the 68 iBUG points
 * @param descriptor 128-d face descriptor (not L2-normalised; compare with {@link FaceDistance#euclidean})
 * @param age        estimated age in years; prefer {@code ageBand} for display
 */
public record DetectedFace(
        Box box,
        float score,
        List<Point2> keypoints,
        List<Point2> landmarks,
        Quality quality,
        float[] descriptor,
        float age,
        String ageBand,
        Gender gender,
        float genderConfidence) {

    public DetectedFace {
        keypoints = List.copyOf(keypoints);
        landmarks = List.copyOf(landmarks);
    }
}
