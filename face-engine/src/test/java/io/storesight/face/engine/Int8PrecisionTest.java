package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storesight.testsupport.Calibration;
import io.storesight.testsupport.Slow;

/**
 * The {@link Precision#INT8} pipeline on the calibration set's real photos (the largest face of each) against the
 * fp32 reference: the setting switches the descriptor network to int8, its descriptors stay within a small
 * distance of fp32, and everything that stays fp32 is unchanged to the bit. How the two compare on recognition
 * (ROC, agreement) is measured by {@code bench.PrecisionBenchmark}.
 */
@Slow
class Int8PrecisionTest {

    /**
     * The most a descriptor may move. Measured: 0.036 on average, 0.050 at most over the 61 faces; people differ
     * by 0.45 and more, the same person's photos by up to 0.56.
     */
    static final double MAX_DRIFT = 0.08;

    static final double MAX_MEAN_DRIFT = 0.05;

    private static FacePipeline int8;
    private static List<DetectedFace> reference;
    private static List<DetectedFace> reduced;

    @BeforeAll
    static void analyse() {
        int8 = FacePipeline.create(EngineConfig.defaults().withPrecision(Precision.INT8));
        reference = CalibrationRuns.largestFaces(Samples.pipeline());
        reduced = CalibrationRuns.largestFaces(int8);
    }

    @AfterAll
    static void close() {
        int8.close();
    }

    @Test
    void theSettingRunsTheDescriptorNetworkInInt8() {
        assertEquals(Precision.INT8, int8.config().precision());
        assertEquals(Precision.FP32, EngineConfig.defaults().precision(), "the library's reference stays fp32");
        long moved = 0;
        for (int i = 0; i < reference.size(); i++) {
            moved += FaceDistance.euclidean(
                                    reference.get(i).descriptor(),
                                    reduced.get(i).descriptor())
                            > 1e-4
                    ? 1
                    : 0;
        }
        assertEquals(reference.size(), moved, "every int8 descriptor differs from its fp32 one");
    }

    @Test
    void descriptorsStayWithinTheStatedDistanceOfFp32() {
        CalibrationRuns.assertDescriptorsWithin(reference, reduced, MAX_DRIFT, MAX_MEAN_DRIFT);
    }

    @Test
    void landmarksAgeAndGenderAreTheFp32OnesBecauseThoseNetworksStayFp32() {
        for (int i = 0; i < reference.size(); i++) {
            DetectedFace a = reference.get(i);
            DetectedFace b = reduced.get(i);
            assertEquals(a.box(), b.box());
            assertEquals(a.landmarks(), b.landmarks());
            assertEquals(a.age(), b.age());
            assertEquals(a.gender(), b.gender());
            assertEquals(a.genderConfidence(), b.genderConfidence());
        }
    }

    @Test
    void aSecondFp32PipelineGivesTheReferenceToTheBit() {
        try (FacePipeline fp32 = FacePipeline.create(EngineConfig.defaults())) {
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(
                        reference.get(i).descriptor(),
                        CalibrationRuns.largest(
                                        fp32.analyze(Calibration.photos().get(i).bytes()))
                                .descriptor());
            }
        }
    }

    @Test
    void int8WithoutItsCalibrationPhotosIsRefusedSayingWhatToRun(@TempDir Path models) throws IOException {
        // the networks and the detector, but no samples/ to calibrate on
        for (String dir : List.of("face-api", "mediapipe")) {
            Files.createSymbolicLink(
                    models.resolve(dir), Samples.modelDir().resolve(dir).toAbsolutePath());
        }
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> FacePipeline.create(
                        EngineConfig.defaults().withModelDir(models).withPrecision(Precision.INT8)));
        assertTrue(e.getMessage().contains("models/fetch") && e.getMessage().contains("samples"), e.getMessage());
    }
}
