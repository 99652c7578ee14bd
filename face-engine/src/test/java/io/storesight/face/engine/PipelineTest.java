package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.storesight.contracts.AgeBands;

/** The whole pipeline on the real sample photos (22 faces of adult women). */
class PipelineTest {

    private static final List<FaceAnalysis> samples = new ArrayList<>();

    @BeforeAll
    static void analyseSamples() {
        List<byte[]> images = new ArrayList<>();
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            images.add(Samples.sampleBytes(i));
        }
        samples.addAll(Samples.pipeline().analyzeBatch(images));
    }

    private static List<DetectedFace> allFaces() {
        return samples.stream().flatMap(a -> a.faces().stream()).toList();
    }

    @Test
    void everyFaceHasLandmarksDescriptorAgeGenderAndQuality() {
        assertEquals(22, allFaces().size());
        for (DetectedFace face : allFaces()) {
            assertEquals(68, face.landmarks().size());
            Box b = face.box();
            long inside = face.landmarks().stream()
                    .filter(p -> p.x() >= b.x() - 0.2f * b.width()
                            && p.x() <= b.right() + 0.2f * b.width()
                            && p.y() >= b.y() - 0.2f * b.height()
                            && p.y() <= b.bottom() + 0.2f * b.height())
                    .count();
            assertTrue(inside >= 60, "landmarks should lie on the face, " + inside + " of 68 near the box");
            assertEquals(128, face.descriptor().length);
            double norm = Math.sqrt(FaceDistance.euclidean(face.descriptor(), new float[128])
                    * FaceDistance.euclidean(face.descriptor(), new float[128]));
            assertTrue(norm > 1.0 && norm < 2.0, "descriptor norm ~1.4, was " + norm);
            Quality q = face.quality();
            assertTrue(q.score() >= 0f && q.score() <= 1f);
            assertEquals(Math.min(b.width(), b.height()), q.faceSize(), 1e-3);
            assertTrue(q.sharpness() > 0f);
            assertTrue(Math.abs(q.yaw()) <= 90f && Math.abs(q.roll()) <= 90f);
            assertEquals(AgeBands.of(face.age()), face.ageBand());
        }
    }

    @Test
    void all22AdultWomenAreClassifiedFemaleWithAdultAges() {
        StringBuilder ages = new StringBuilder();
        for (DetectedFace face : allFaces()) {
            assertEquals(Gender.FEMALE, face.gender(), "face " + face.box() + " (P=" + face.genderConfidence() + ")");
            assertTrue(face.genderConfidence() >= 0.5f && face.genderConfidence() <= 1f);
            assertTrue(face.age() >= 15f && face.age() <= 60f, "implausible age " + face.age());
            ages.append(String.format(" %.1f", face.age()));
        }
        double mean =
                allFaces().stream().mapToDouble(DetectedFace::age).average().orElseThrow();
        assertTrue(mean >= 20 && mean <= 40, "mean age " + mean);
        System.out.println("sample ages:" + ages);
    }

    /** A mirrored photo is the same person: distances must stay well below the 0.6 same-person threshold. */
    @Test
    void faceAndMirroredFaceAreClose() {
        List<Float> distances = new ArrayList<>();
        for (int i = 1; i <= Samples.SAMPLE_COUNT; i++) {
            Mat image = Samples.decode(Samples.sampleBytes(i));
            Mat mirrored = new Mat();
            Core.flip(image, mirrored, 1);
            FaceAnalysis original = samples.get(i - 1);
            FaceAnalysis flipped = Samples.pipeline().analyze(mirrored);
            assertEquals(original.faces().size(), flipped.faces().size(), "sample" + i);
            for (DetectedFace face : original.faces()) {
                Box b = face.box();
                Box expectedMirror = new Box(image.cols() - b.right(), b.y(), b.width(), b.height());
                DetectedFace twin = flipped.faces().stream()
                        .max((x, y) -> Float.compare(
                                x.box().iou(expectedMirror), y.box().iou(expectedMirror)))
                        .orElseThrow();
                assertTrue(twin.box().iou(expectedMirror) > 0.5f);
                float d = FaceDistance.euclidean(face.descriptor(), twin.descriptor());
                assertTrue(d < 0.4f, "sample" + i + " face " + b + ": mirror distance " + d);
                distances.add(d);
            }
            image.release();
            mirrored.release();
        }
        System.out.println("mirror distances: " + summary(distances));
    }

    /** Different women: report the distribution (README) and check the nearest stranger is farther than the mirror. */
    @Test
    void differentFacesAreFartherApart() {
        List<DetectedFace> faces = allFaces();
        List<Float> distances = new ArrayList<>();
        for (int a = 0; a < faces.size(); a++) {
            for (int b = a + 1; b < faces.size(); b++) {
                distances.add(FaceDistance.euclidean(
                        faces.get(a).descriptor(), faces.get(b).descriptor()));
            }
        }
        assertEquals(231, distances.size());
        long under06 = distances.stream().filter(d -> d < 0.6f).count();
        long under05 = distances.stream().filter(d -> d < 0.5f).count();
        long under04 = distances.stream().filter(d -> d < 0.4f).count();
        System.out.printf(
                "different-face distances: %s; pairs < 0.6: %d, < 0.5: %d, < 0.4: %d of 231%n",
                summary(distances), under06, under05, under04);
        float median = sorted(distances).get(distances.size() / 2);
        assertTrue(median > 0.6f, "median distance between different people " + median);
        assertTrue(under04 <= 2, under04 + " pairs of different people closer than 0.4");
    }

    @Test
    void batchAndSingleCallsGiveTheSameNumbers() {
        FaceAnalysis single = Samples.pipeline().analyze(Samples.sampleBytes(5));
        FaceAnalysis batched = samples.get(4);
        assertEquals(batched.faces().size(), single.faces().size());
        for (int i = 0; i < single.faces().size(); i++) {
            DetectedFace s = single.faces().get(i);
            DetectedFace b = batched.faces().get(i);
            assertEquals(s.box(), b.box());
            assertArrayEquals(s.descriptor(), b.descriptor(), 1e-4f);
            assertEquals(s.age(), b.age(), 1e-3f);
        }
        assertTrue(single.timings().detectMs() > 0 && single.timings().descriptorMs() > 0);
    }

    @Test
    void concurrentCallersGetTheSameResultsAsSequentialOnes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<FaceAnalysis>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 1; i <= 3; i++) {
                    byte[] bytes = Samples.sampleBytes(i);
                    futures.add(pool.submit(() -> Samples.pipeline().analyze(bytes)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                FaceAnalysis concurrent = futures.get(k).get();
                FaceAnalysis sequential = samples.get(k % 3);
                assertEquals(sequential.faces().size(), concurrent.faces().size());
                for (int f = 0; f < concurrent.faces().size(); f++) {
                    assertArrayEquals(
                            sequential.faces().get(f).descriptor(),
                            concurrent.faces().get(f).descriptor(),
                            1e-4f);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blurLowersSharpnessAndQuality() {
        Mat image = Samples.decode(Samples.sampleBytes(6));
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(image, blurred, new Size(0, 0), 6);
        FaceAnalysis sharp = samples.get(5);
        FaceAnalysis soft = Samples.pipeline().analyze(blurred);
        image.release();
        blurred.release();
        assertTrue(soft.faces().size() >= 1);
        for (DetectedFace face : soft.faces()) {
            DetectedFace original = sharp.faces().stream()
                    .max((x, y) ->
                            Float.compare(x.box().iou(face.box()), y.box().iou(face.box())))
                    .orElseThrow();
            assertTrue(
                    face.quality().sharpness() < original.quality().sharpness() / 2,
                    "blur: " + face.quality().sharpness() + " vs "
                            + original.quality().sharpness());
            assertTrue(face.quality().score() < original.quality().score());
        }
    }

    @Test
    void closedPipelineRefusesWork() {
        FacePipeline pipeline = FacePipeline.create(EngineConfig.defaults());
        assertEquals(3, pipeline.analyze(Samples.sampleBytes(1)).faces().size());
        pipeline.close();
        pipeline.close();
        assertThrows(IllegalStateException.class, () -> pipeline.analyze(Samples.sampleBytes(1)));
    }

    private static List<Float> sorted(List<Float> values) {
        List<Float> copy = new ArrayList<>(values);
        copy.sort(Float::compare);
        return copy;
    }

    static String summary(List<Float> values) {
        List<Float> s = sorted(values);
        double mean = s.stream().mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
        return String.format(
                "n=%d min=%.3f p5=%.3f p25=%.3f median=%.3f mean=%.3f p75=%.3f max=%.3f",
                s.size(),
                s.get(0),
                s.get(s.size() * 5 / 100),
                s.get(s.size() / 4),
                s.get(s.size() / 2),
                mean,
                s.get(s.size() * 3 / 4),
                s.get(s.size() - 1));
    }
}
