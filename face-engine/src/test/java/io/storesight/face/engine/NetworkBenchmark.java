package io.storesight.face.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;

import io.storesight.contracts.Models;
import io.storesight.face.engine.bench.Machine;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The three networks alone (input preparation included, no detection), at one batch size, FP32, INT8_ALL and BF16_ALL,
 * printed: thread CPU ms per face and faces per core-second with one caller, and wall ms per face with
 * {@code bench.callers} concurrent callers of one core each (how face-inference's workers use a machine). The two
 * precisions take turns ({@code bench.turns} each) so that both see the same machine load. In this package because
 * the networks are package-private.
 *
 * <pre>./mvnw -o -pl face-engine -am test -DskipTests -Dbench=face-engine -Dbench.main=io.storesight.face.engine.NetworkBenchmark
 *     [-Dbench.batch=8] [-Dbench.callers=2] [-Dbench.rounds=40] [-Dbench.turns=2]</pre>
 */
public final class NetworkBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NetworkBenchmark() {}

    /** The three networks of one precision. */
    private record Networks(Landmark68Net landmarks, FaceRecognitionNet descriptor, AgeGenderNet ageGender) {

        static Networks load(NDManager manager, Path faceApi, Precision precision, Int8Calibration.Ranges int8) {
            return new Networks(
                    new Landmark68Net(
                            manager,
                            faceApi,
                            FacePipeline.arithmetic(precision.landmarks(), int8, Int8Calibration.Ranges::landmarks)),
                    new FaceRecognitionNet(
                            manager,
                            faceApi,
                            FacePipeline.arithmetic(precision.descriptor(), int8, Int8Calibration.Ranges::descriptor)),
                    new AgeGenderNet(
                            manager,
                            faceApi,
                            FacePipeline.arithmetic(precision.ageGender(), int8, Int8Calibration.Ranges::ageGender)));
        }

        List<BiFunction<NDManager, List<Mat>, ?>> calls() {
            return List.of(landmarks::run, descriptor::run, ageGender::run);
        }
    }

    public static void main(String[] args) throws Exception {
        int batch = Integer.getInteger("bench.batch", 8);
        int callers = Integer.getInteger("bench.callers", 2);
        int rounds = Integer.getInteger("bench.rounds", 40);
        int turns = Integer.getInteger("bench.turns", 2);
        OpenCvNatives.load();
        NativeHeap.keepFreedMemory();
        Path models = Models.locate();
        Path faceApi = models.resolve("face-api");
        System.out.printf(Locale.ROOT, "machine: %s; load average %s%n", Machine.describe(), Machine.loadAverage());
        Int8Calibration.Ranges ranges = Int8Calibration.measure(EngineConfig.defaults()
                .withModelDir(models)
                .withBatchSize(batch)
                .withPrecision(Precision.INT8_ALL));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            JniUtils.setNumThreads(1);
            List<Precision> precisions = List.of(Precision.FP32, Precision.INT8_ALL, Precision.BF16_ALL);
            List<Networks> networks = new ArrayList<>();
            for (Precision precision : precisions) {
                networks.add(Networks.load(manager, faceApi, precision, ranges));
            }
            Mat photo = Imgcodecs.imread(models.resolve("samples/sample1.jpg").toString());
            List<Mat> crops = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                crops.add(
                        photo.submat(new Rect(100 + 20 * i, 100, 160, 170))); // face-sized crops; content is irrelevant
            }
            double[][] perFace = new double[precisions.size()][];
            for (int turn = 0; turn < turns; turn++) {
                for (int p = 0; p < precisions.size(); p++) {
                    perFace[p] = oneCore(precisions.get(p).name(), manager, networks.get(p), crops, rounds);
                }
                for (int p = 1; p < precisions.size(); p++) {
                    System.out.printf(
                            Locale.ROOT,
                            "turn %d: %s does %.2f× the faces of FP32 per core-second%n",
                            turn + 1,
                            precisions.get(p),
                            perFace[0][3] / perFace[p][3]);
                }
            }
            for (int turn = 0; turn < turns; turn++) {
                for (int p = 0; p < precisions.size(); p++) {
                    concurrent(precisions.get(p).name(), manager, networks.get(p), crops, rounds, callers);
                }
            }
            photo.release();
        }
        System.out.printf(Locale.ROOT, "load average at the end %s%n", Machine.loadAverage());
    }

    /** ms of one core per face: landmarks, descriptor, age/gender, all three. */
    private static double[] oneCore(String label, NDManager manager, Networks networks, List<Mat> crops, int rounds) {
        double[] cpu = new double[4];
        for (int pass = 0; pass < 2; pass++) { // the first pass warms up
            java.util.Arrays.fill(cpu, 0);
            for (int r = 0; r < rounds; r++) {
                List<BiFunction<NDManager, List<Mat>, ?>> calls = networks.calls();
                for (int n = 0; n < calls.size(); n++) {
                    long t = THREADS.getCurrentThreadCpuTime();
                    try (NDManager scope = manager.newSubManager()) {
                        calls.get(n).apply(scope, crops);
                    }
                    cpu[n] += THREADS.getCurrentThreadCpuTime() - t;
                }
            }
        }
        double faces = 1e6 * rounds * crops.size();
        for (int n = 0; n < 3; n++) {
            cpu[n] /= faces;
        }
        cpu[3] = cpu[0] + cpu[1] + cpu[2];
        System.out.printf(
                Locale.ROOT,
                "%s, batch %d, one caller, one core: landmarks %.2f + descriptor %.2f + "
                        + "age/gender %.2f = %.2f ms cpu per face, %.0f faces per core-second%n",
                label,
                crops.size(),
                cpu[0],
                cpu[1],
                cpu[2],
                cpu[3],
                1000 / cpu[3]);
        return cpu;
    }

    private static void concurrent(
            String label, NDManager manager, Networks networks, List<Mat> crops, int rounds, int callers)
            throws InterruptedException {
        Runnable caller = () -> {
            for (int r = 0; r < rounds; r++) {
                for (BiFunction<NDManager, List<Mat>, ?> call : networks.calls()) {
                    // one scope per network call, as FacePipeline does
                    try (NDManager scope = manager.newSubManager()) {
                        call.apply(scope, crops);
                    }
                }
            }
        };
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                Thread thread = new Thread(caller, "caller-" + c);
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            if (pass == 1) {
                System.out.printf(
                        Locale.ROOT,
                        "%s, batch %d, %d concurrent callers, one core each: %.2f ms wall per "
                                + "face (all three networks)%n",
                        label,
                        crops.size(),
                        callers,
                        (System.nanoTime() - start) / 1e6 / (callers * rounds * crops.size()));
            }
        }
    }
}
