package io.storesight.face.bench;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.storesight.face.TestImages;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.DetectorMode;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FaceDistance;
import io.storesight.face.engine.FacePipeline;

/**
 * The figures behind the default of {@code storesight.face.api.verify-threshold}: on the sample photos (22 faces,
 * 22 different women), distances between different people, and between each face and a mirrored, rescaled
 * close-up of itself, as /api/v1/verify would see them.
 * Run: {@code ./mvnw -o -pl face-inference -Pbench -Dbench.main=io.storesight.face.bench.VerifyThresholdReport
 * test-compile exec:exec}.
 */
public final class VerifyThresholdReport {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try (FacePipeline pipeline = FacePipeline.create(
                EngineConfig.defaults().withDetector(DetectorMode.AUTO))) {
            List<float[]> faces = new ArrayList<>();
            List<Double> same = new ArrayList<>();
            for (int s = 1; s <= 6; s++) {
                byte[] jpeg = TestImages.sampleBytes(s);
                BufferedImage photo = TestImages.decode(jpeg);
                for (DetectedFace face : pipeline.analyze(jpeg).faces()) {
                    faces.add(face.descriptor());
                    var b = face.box();
                    BufferedImage closeUp = TestImages.scaledMirror(
                            TestImages.crop(photo, b.x(), b.y(), b.width(), b.height(), 0.6f), 1.5);
                    pipeline.analyze(TestImages.encode(closeUp, "jpg")).faces().stream()
                            .max((x, y) -> Float.compare(x.box().width(), y.box().width()))
                            .ifPresent(c -> same.add(
                                    (double) FaceDistance.euclidean(face.descriptor(), c.descriptor())));
                }
            }
            List<Double> different = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) {
                for (int j = i + 1; j < faces.size(); j++) {
                    different.add((double) FaceDistance.euclidean(faces.get(i), faces.get(j)));
                }
            }
            double[] d = different.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] m = same.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("faces %d; same-person pairs (face vs mirrored 1.5x close-up) %d; different pairs %d%n",
                    faces.size(), m.length, d.length);
            System.out.printf("same person:      min %.3f  median %.3f  p95 %.3f  max %.3f%n", m[0], q(m, 50),
                    q(m, 95), m[m.length - 1]);
            System.out.printf("different people: min %.3f  p5 %.3f  median %.3f  max %.3f%n", d[0], q(d, 5),
                    q(d, 50), d[d.length - 1]);
            for (double t : new double[] { 0.40, 0.45, 0.50, 0.55, 0.60 }) {
                long falseMatch = Arrays.stream(d).filter(x -> x < t).count();
                long falseReject = Arrays.stream(m).filter(x -> x >= t).count();
                System.out.printf("threshold %.2f: different pairs called same %d of %d; "
                        + "same pairs rejected %d of %d%n", t, falseMatch, d.length, falseReject, m.length);
            }
        }
    }

    private static double q(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
