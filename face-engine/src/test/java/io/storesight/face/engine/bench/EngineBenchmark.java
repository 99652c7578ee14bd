package io.storesight.face.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.contracts.Models;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.FacePipeline;

/**
 * Speed of the engine on this machine, printed, not asserted. The six sample photos scaled to 1280×720 play
 * camera frames (22 faces of ~110-140 px).
 *
 * <p>On a shared machine the wall-clock stage times include waiting for a CPU. With nativeThreads = 1 all native
 * work runs on the calling thread, so each call's thread CPU time / wall time is the share of a core it got;
 * the "cpu" figures scale the stage times by that share: the time the work itself costs on one core.
 *
 * <pre>./mvnw -o -pl face-engine -am test -DskipTests -Dbench=face-engine [-Dbench.rounds=20] [-Dbench.threads=2]</pre>
 */
public final class EngineBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EngineBenchmark() {}

    /** Fraction of one core this thread got since the given CPU and wall timestamps. */
    private static double share(long cpuStart, long wallStart) {
        double wall = System.nanoTime() - wallStart;
        return wall <= 0 ? 1 : Math.min(1, (THREADS.getCurrentThreadCpuTime() - cpuStart) / wall);
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 20);
        int threads = Integer.getInteger("bench.threads", 2);
        Path models = Models.locate();
        EngineConfig base = EngineConfig.defaults();
        List<Mat> frames = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        try (FacePipeline batch8 = FacePipeline.create(base.withBatchSize(8))) {
            for (int i = 1; i <= 6; i++) {
                Mat photo = Imgcodecs.imread(
                        models.resolve("samples/sample" + i + ".jpg").toString());
                Mat frame = new Mat();
                Imgproc.resize(photo, frame, new Size(1280, 720), 0, 0, Imgproc.INTER_AREA);
                photo.release();
                frames.add(frame);
                MatOfByte png = new MatOfByte();
                Imgcodecs.imencode(".png", frame, png);
                encoded.add(png.toArray());
                png.release();
            }
            System.out.printf(
                    Locale.ROOT,
                    "machine: %d CPUs visible, Java %s, nativeThreads=%d%n",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    base.nativeThreads());

            int faces = 0;
            for (Mat frame : frames) {
                faces += batch8.analyze(frame).faces().size(); // warm-up
            }
            System.out.printf(Locale.ROOT, "frames: 6 × 1280x720, %d faces%n", faces);

            double detect = 0;
            double detectCpu = 0;
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (Mat frame : frames) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    double ms = batch8.analyze(frame).timings().detectMs();
                    detect += ms;
                    detectCpu += ms * share(cpu, wall);
                    n++;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "detection (BlazeFace full range): %.2f ms wall, %.2f ms cpu per 1280x720 frame (mean of %d)%n",
                    detect / n,
                    detectCpu / n,
                    n);

            try (FacePipeline batch1 = FacePipeline.create(base.withBatchSize(1))) {
                perFace("batch 1", batch1, encoded, rounds, true);
            }
            perFace("batch 8", batch8, encoded, rounds, true);

            throughput(batch8, frames, 1, rounds);
            throughput(batch8, frames, threads, rounds);

            // last: nativeThreads is process-wide, so this pipeline switches every op to 2 intra-op threads
            try (FacePipeline twoThreads =
                    FacePipeline.create(base.withBatchSize(8).withNativeThreads(2))) {
                perFace("batch 8, one caller, 2 intra-op threads", twoThreads, encoded, rounds, false);
            }
        } finally {
            frames.forEach(Mat::release);
        }
    }

    /**
     * Network ms per face, from the stage timings of batch calls over all six frames (21 faces per call): cpu (stage
     * wall time × the share of a core the call got; only meaningful with one intra-op thread) or plain wall time.
     */
    private static void perFace(String label, FacePipeline pipeline, List<byte[]> encoded, int rounds, boolean cpu) {
        pipeline.analyzeBatch(encoded);
        NetworkCost cost = networkCost(pipeline, java.util.Collections.nCopies(rounds, encoded), cpu);
        System.out.printf(
                Locale.ROOT,
                "%s: landmarks %.2f + descriptor %.2f + age/gender %.2f = %.2f ms %s per face (%d faces%s)%n",
                label,
                cost.landmarksMs(),
                cost.descriptorMs(),
                cost.ageGenderMs(),
                cost.totalMs(),
                cpu ? "cpu" : "wall",
                cost.faces(),
                cpu ? String.format(Locale.ROOT, "; the calls got %.0f%% of a core", 100 * cost.coreShare()) : "");
    }

    /** The three networks' ms per face over some batch calls, and the mean share of a core the calls got. */
    record NetworkCost(double landmarksMs, double descriptorMs, double ageGenderMs, int faces, double coreShare) {

        double totalMs() {
            return landmarksMs + descriptorMs + ageGenderMs;
        }
    }

    /**
     * Runs each list of images through {@code analyzeBatch} once. With {@code cpu}, each call's stage times are
     * scaled by the share of a core the call got (thread CPU / wall; with nativeThreads = 1 all native work runs on
     * the calling thread): what the networks cost on one core. Without, plain wall time.
     */
    static NetworkCost networkCost(FacePipeline pipeline, List<List<byte[]>> calls, boolean cpu) {
        double landmarks = 0;
        double descriptor = 0;
        double ageGender = 0;
        double shareSum = 0;
        int faces = 0;
        for (List<byte[]> images : calls) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            List<FaceAnalysis> results = pipeline.analyzeBatch(images);
            double share = cpu ? share(cpuStart, wall) : 1;
            for (FaceAnalysis a : results) {
                landmarks += a.timings().landmarksMs() * share;
                descriptor += a.timings().descriptorMs() * share;
                ageGender += a.timings().ageGenderMs() * share;
                faces += a.faces().size();
            }
            shareSum += share;
        }
        return new NetworkCost(
                landmarks / faces, descriptor / faces, ageGender / faces, faces, shareSum / calls.size());
    }

    /** Whole pipeline (detect + three networks, frames already decoded) from several threads at once. */
    private static void throughput(FacePipeline pipeline, List<Mat> frames, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    int faces = 0;
                    for (int r = 0; r < Math.max(1, rounds / 2); r++) {
                        for (Mat frame : frames) {
                            faces += pipeline.analyze(frame).faces().size();
                        }
                    }
                    return faces;
                }));
            }
            int faces = 0;
            for (Future<Integer> f : work) {
                faces += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "throughput (wall), %d thread(s): %.1f faces/s, %.1f frames/s (%d faces in %.1f s)%n",
                    threads,
                    faces / seconds,
                    threads * Math.max(1, rounds / 2) * frames.size() / seconds,
                    faces,
                    seconds);
        } finally {
            pool.shutdownNow();
        }
    }
}
