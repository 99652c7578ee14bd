package io.storesight.identity;

import io.storesight.contracts.FaceObservationEvent.Box;
import io.storesight.contracts.FaceObservationEvent.Gender;

/** One usable face of one frame, with what identity needs of it (capture time in epoch ms). */
public record Observation(
        String frameId,
        long time,
        float[] descriptor,
        float quality,
        float age,
        Gender gender,
        float genderConfidence,
        Box box,
        int imageWidth,
        int imageHeight) {}
