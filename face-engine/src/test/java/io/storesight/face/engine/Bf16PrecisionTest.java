package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storesight.testsupport.Calibration;
import io.storesight.testsupport.Slow;

/**
 * The {@link Precision#BF16} and {@link Precision#BF16_ALL} pipelines on the calibration set's real photos (the
 * largest face of each) against the fp32 reference. Needs a CPU with native bf16 (skipped elsewhere, saying so); how
 * the precisions compare on recognition (ROC, age bands) and speed is measured by {@code bench.PrecisionBenchmark}.
 */
@Slow
class Bf16PrecisionTest {

    /** Measured on the 61 faces: 0.008 on average, 0.010 at most (people differ by 0.45 and more). */
    static final double BF16_MAX_DRIFT = 0.03;

    static final double BF16_MAX_MEAN_DRIFT = 0.015;
    /** With bf16 landmarks every crop moves a little: 0.016 on average, 0.089 at most. */
    static final double BF16_ALL_MAX_DRIFT = 0.15;

    static final double BF16_ALL_MAX_MEAN_DRIFT = 0.03;
    /** Measured: 0.06 years on average, 0.19 at most. */
    static final double BF16_MAX_AGE_SHIFT = 0.5;

    private static List<DetectedFace> reference;
    private static List<DetectedFace> bf16;
    private static List<DetectedFace> bf16All;
    private static FacePipeline bf16Pipeline;

    @BeforeAll
    static void analyse() {
        CpuInfo cpu = CpuInfo.read();
        assumeTrue(cpu.nativeBf16(), "bf16 needs avx512_bf16 or amx_bf16, which " + cpu.model() + " lacks");
        bf16Pipeline = FacePipeline.create(EngineConfig.defaults().withPrecision(Precision.BF16));
        reference = CalibrationRuns.largestFaces(Samples.pipeline());
        bf16 = CalibrationRuns.largestFaces(bf16Pipeline);
        try (FacePipeline all = FacePipeline.create(EngineConfig.defaults().withPrecision(Precision.BF16_ALL))) {
            bf16All = CalibrationRuns.largestFaces(all);
        }
    }

    @AfterAll
    static void close() {
        if (bf16Pipeline != null) {
            bf16Pipeline.close();
        }
    }

    @Test
    void bf16RunsDescriptorAndAgeGenderInBf16OnTheFp32Crops() {
        assertEquals(Precision.BF16, bf16Pipeline.config().precision());
        for (int i = 0; i < reference.size(); i++) {
            DetectedFace a = reference.get(i);
            DetectedFace b = bf16.get(i);
            assertEquals(a.landmarks(), b.landmarks(), "landmarks stay fp32");
            assertTrue(
                    FaceDistance.euclidean(a.descriptor(), b.descriptor()) > 1e-4,
                    "the descriptor of " + Calibration.photos().get(i).file() + " is the fp32 one");
        }
        long agesMoved = 0;
        for (int i = 0; i < reference.size(); i++) {
            agesMoved += reference.get(i).age() != bf16.get(i).age() ? 1 : 0;
        }
        assertTrue(agesMoved > reference.size() / 2, "only " + agesMoved + " ages differ from fp32's");
    }

    @Test
    void bf16DescriptorsStayWithinTheStatedDistanceOfFp32() {
        CalibrationRuns.assertDescriptorsWithin(reference, bf16, BF16_MAX_DRIFT, BF16_MAX_MEAN_DRIFT);
    }

    @Test
    void bf16AgesStayWithinHalfAYearAndGendersAgree() {
        for (int i = 0; i < reference.size(); i++) {
            String photo = Calibration.photos().get(i).file();
            double shift = Math.abs(reference.get(i).age() - bf16.get(i).age());
            assertTrue(shift < BF16_MAX_AGE_SHIFT, photo + ": age moved by " + shift);
            assertEquals(reference.get(i).gender(), bf16.get(i).gender(), photo);
        }
    }

    @Test
    void bf16AllMovesTheLandmarksButKeepsDescriptorsClose() {
        long landmarksMoved = 0;
        for (int i = 0; i < reference.size(); i++) {
            landmarksMoved += reference.get(i).landmarks().equals(bf16All.get(i).landmarks()) ? 0 : 1;
        }
        assertTrue(landmarksMoved > reference.size() / 2, "only " + landmarksMoved + " faces' landmarks moved");
        CalibrationRuns.assertDescriptorsWithin(reference, bf16All, BF16_ALL_MAX_DRIFT, BF16_ALL_MAX_MEAN_DRIFT);
    }
}
