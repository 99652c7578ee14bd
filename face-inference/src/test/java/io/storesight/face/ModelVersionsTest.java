package io.storesight.face;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.storesight.face.engine.Precision;

class ModelVersionsTest {

    @Test
    void aNetworkInReducedPrecisionIsMarkedWithItsNumberType() {
        assertThat(FaceEngine.modelVersions(Precision.FP32))
                .containsEntry("landmarks", "face-api-face_landmark_68@1.7.15")
                .containsEntry("descriptor", "face-api-face_recognition@1.7.15")
                .containsEntry("ageGender", "face-api-age_gender@1.7.15");
        assertThat(FaceEngine.modelVersions(Precision.INT8))
                .containsEntry("landmarks", "face-api-face_landmark_68@1.7.15")
                .containsEntry("descriptor", "face-api-face_recognition@1.7.15+int8");
        assertThat(FaceEngine.modelVersions(Precision.BF16))
                .containsEntry("landmarks", "face-api-face_landmark_68@1.7.15")
                .containsEntry("descriptor", "face-api-face_recognition@1.7.15+bf16")
                .containsEntry("ageGender", "face-api-age_gender@1.7.15+bf16");
        assertThat(FaceEngine.modelVersions(Precision.BF16_ALL))
                .containsEntry("landmarks", "face-api-face_landmark_68@1.7.15+bf16")
                .containsEntry("detector", "mediapipe-blazeface@0.4.1657300184");
    }
}
