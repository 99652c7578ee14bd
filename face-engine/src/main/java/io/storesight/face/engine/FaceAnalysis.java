package io.storesight.face.engine;

import java.util.List;

/** Result of analysing one image: its (orientation-corrected) size and every face found. */
public record FaceAnalysis(int width, int height, List<DetectedFace> faces, StageTimings timings) {

    public FaceAnalysis {
        faces = List.copyOf(faces);
    }
}
