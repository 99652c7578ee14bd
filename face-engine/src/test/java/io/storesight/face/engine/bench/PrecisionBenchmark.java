package io.storesight.face.engine.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.FaceDistance;
import io.storesight.face.engine.FacePipeline;
import io.storesight.face.engine.Precision;
import io.storesight.testsupport.Calibration;

/**
 * The reduced-precision paths against fp32 on the calibration set (61 photos of 13 people; per photo its largest
 * face): the genuine/impostor ROC (every pair of one person's photos against every other pair, TMR at fixed FMR),
 * how far each descriptor moves, whether age band and gender agree with fp32, and what the three networks cost
 * per face at batch 8 on one core. Prints; asserts nothing.
 *
 * <pre>./mvnw -o -pl face-engine -am test -DskipTests -Dbench=face-engine -Dbench.main=io.storesight.face.engine.bench.PrecisionBenchmark
 *     [-Dbench.rounds=5]</pre>
 *
 * <p>Speed: with {@code nativeThreads} = 1 a call's native work runs on the calling thread, so the network stages'
 * wall time × the share of a core the call got (thread CPU / wall) is their cost on one core. Each photo gives
 * exactly one face there ({@code maxFaces} 1), so 8 photos per call make batches of 8 faces. The precisions take
 * turns, round after round, so that all see the same machine load.
 */
public final class PrecisionBenchmark {

    private static final int BATCH = 8;
    private static final double[] FMRS = {0, 0.001, 0.01};
    /** identity-service's match threshold and face-inference's verify threshold. */
    private static final double[] THRESHOLDS = {0.45, 0.5};

    private PrecisionBenchmark() {}

    public static void main(String[] args) {
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.out.printf(Locale.ROOT, "machine: %s; load average %s%n", Machine.describe(), Machine.loadAverage());
        List<Calibration.Photo> photos = Calibration.photos();
        EngineConfig base = EngineConfig.defaults().withBatchSize(BATCH);

        Map<Precision, List<DetectedFace>> faces = new EnumMap<>(Precision.class);
        for (Precision precision : Precision.values()) {
            long start = System.nanoTime();
            try (FacePipeline pipeline = FacePipeline.create(base.withPrecision(precision))) {
                System.out.printf(Locale.ROOT, "%s: loaded in %.1f s%n", precision, (System.nanoTime() - start) / 1e9);
                List<DetectedFace> largest = new ArrayList<>();
                for (Calibration.Photo photo : photos) {
                    largest.add(largest(pipeline.analyze(photo.bytes()), photo));
                }
                faces.put(precision, largest);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d photos of %d people: %d genuine pairs, %d impostor pairs%n",
                photos.size(),
                Calibration.byIdentity().size(),
                pairs(photos, true).size(),
                pairs(photos, false).size());
        for (Precision precision : Precision.values()) {
            roc(precision, photos, faces.get(precision));
        }
        for (Precision precision : Precision.values()) {
            if (precision != Precision.FP32) {
                agreement(precision, faces.get(Precision.FP32), faces.get(precision));
            }
        }
        speed(base, photos, rounds);
        System.out.printf(Locale.ROOT, "load average at the end %s%n", Machine.loadAverage());
    }

    private static DetectedFace largest(FaceAnalysis analysis, Calibration.Photo photo) {
        return analysis.faces().stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
                .orElseThrow(() -> new IllegalStateException("no face found in " + photo.file()));
    }

    /** Index pairs (i < j) of photos of one person, or of two different people. */
    private static List<int[]> pairs(List<Calibration.Photo> photos, boolean genuine) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                if (photos.get(i).identity().equals(photos.get(j).identity()) == genuine) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        return pairs;
    }

    private static List<Double> distances(List<int[]> pairs, List<DetectedFace> faces) {
        List<Double> distances = new ArrayList<>();
        for (int[] p : pairs) {
            distances.add((double) FaceDistance.euclidean(
                    faces.get(p[0]).descriptor(), faces.get(p[1]).descriptor()));
        }
        Collections.sort(distances);
        return distances;
    }

    /**
     * TMR at each FMR: the threshold is the k-th smallest impostor distance, k = ⌊FMR × impostor pairs⌋, so that at
     * most k impostor pairs fall under it (FMR 0: under the closest impostor pair).
     */
    private static void roc(Precision precision, List<Calibration.Photo> photos, List<DetectedFace> faces) {
        List<Double> genuine = distances(pairs(photos, true), faces);
        List<Double> impostor = distances(pairs(photos, false), faces);
        StringBuilder line = new StringBuilder(precision + " ROC:");
        for (double fmr : FMRS) {
            double threshold = impostor.get((int) Math.floor(fmr * impostor.size()));
            line.append(String.format(
                    Locale.ROOT,
                    " FMR %.1f%% → TMR %.2f%% (under %.3f);",
                    100 * fmr,
                    100 * below(genuine, threshold),
                    threshold));
        }
        for (double threshold : THRESHOLDS) {
            line.append(String.format(
                    Locale.ROOT,
                    " at %.2f TMR %.2f%% FMR %.2f%%;",
                    threshold,
                    100 * below(genuine, threshold),
                    100 * below(impostor, threshold)));
        }
        line.append(String.format(
                Locale.ROOT, " genuine max %.3f, impostor min %.3f", genuine.get(genuine.size() - 1), impostor.get(0)));
        System.out.println(line);
    }

    private static double below(List<Double> sorted, double threshold) {
        return sorted.stream().filter(d -> d < threshold).count() / (double) sorted.size();
    }

    private static void agreement(Precision precision, List<DetectedFace> reference, List<DetectedFace> reduced) {
        int n = reference.size();
        int bands = 0;
        int genders = 0;
        double drift = 0;
        double maxDrift = 0;
        double ageDiff = 0;
        double maxAgeDiff = 0;
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DetectedFace a = reference.get(i);
            DetectedFace b = reduced.get(i);
            if (a.ageBand().equals(b.ageBand())) {
                bands++;
            } else {
                changed.add(String.format(Locale.ROOT, "%.3f → %.3f", a.age(), b.age()));
            }
            genders += a.gender() == b.gender() ? 1 : 0;
            double d = FaceDistance.euclidean(a.descriptor(), b.descriptor());
            drift += d;
            maxDrift = Math.max(maxDrift, d);
            double age = Math.abs(a.age() - b.age());
            ageDiff += age;
            maxAgeDiff = Math.max(maxAgeDiff, age);
        }
        System.out.printf(
                Locale.ROOT,
                "%s against FP32 on %d faces: descriptor moved by %.4f on average, %.4f at "
                        + "most; age band agrees on %d (%.1f%%), gender on %d (%.1f%%); age moved by %.2f years on average, "
                        + "%.2f at most%s%n",
                precision,
                n,
                drift / n,
                maxDrift,
                bands,
                100.0 * bands / n,
                genders,
                100.0 * genders / n,
                ageDiff / n,
                maxAgeDiff,
                changed.isEmpty() ? "" : "; bands changed at ages (FP32 → " + precision + ") " + changed);
    }

    private static void speed(EngineConfig base, List<Calibration.Photo> photos, int rounds) {
        List<List<byte[]>> calls = new ArrayList<>();
        for (int from = 0; from + BATCH <= photos.size(); from += BATCH) {
            calls.add(photos.subList(from, from + BATCH).stream()
                    .map(Calibration.Photo::bytes)
                    .toList());
        }
        Map<Precision, FacePipeline> pipelines = new EnumMap<>(Precision.class);
        try {
            for (Precision precision : Precision.values()) {
                pipelines.put(
                        precision,
                        FacePipeline.create(base.withPrecision(precision).withMaxFaces(1)));
            }
            Map<Precision, List<EngineBenchmark.NetworkCost>> costs = new EnumMap<>(Precision.class);
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                for (Precision precision : Precision.values()) {
                    EngineBenchmark.NetworkCost cost =
                            EngineBenchmark.networkCost(pipelines.get(precision), calls, true);
                    if (round > 0) {
                        costs.computeIfAbsent(precision, p -> new ArrayList<>()).add(cost);
                    }
                }
            }
            double fp32 = meanMs(costs.get(Precision.FP32));
            for (Precision precision : Precision.values()) {
                double ms = meanMs(costs.get(precision));
                System.out.printf(
                        Locale.ROOT,
                        "%s speed, batch %d, one core: %.2f ms per face for the three networks, "
                                + "%.0f faces per core-second, %.2f× fp32 (%d rounds of %d faces)%n",
                        precision,
                        BATCH,
                        ms,
                        1000 / ms,
                        fp32 / ms,
                        rounds,
                        costs.get(precision).get(0).faces());
            }
        } finally {
            pipelines.values().forEach(FacePipeline::close);
        }
    }

    private static double meanMs(List<EngineBenchmark.NetworkCost> rounds) {
        return rounds.stream()
                .mapToDouble(EngineBenchmark.NetworkCost::totalMs)
                .average()
                .orElseThrow();
    }
}
