package io.storesight.face.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgcodecs.Imgcodecs;
import io.storesight.contracts.Models;

/**
 * The three networks alone (input preparation included, no detection), at one batch size, printed: thread CPU ms
 * per face with one caller, and wall ms per face with {@code bench.callers} concurrent callers of one core each (how
 * face-inference's workers use a machine). In this package because the networks are package-private.
 *
 * <pre>./mvnw -o -pl face-engine -Pbench test-compile exec:java -Dbench.main=io.storesight.face.engine.NetworkBenchmark
 *     [-Dbench.batch=8] [-Dbench.callers=2] [-Dbench.rounds=40]</pre>
 */
public final class NetworkBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NetworkBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int batch = Integer.getInteger("bench.batch", 8);
        int callers = Integer.getInteger("bench.callers", 2);
        int rounds = Integer.getInteger("bench.rounds", 40);
        OpenCvNatives.load();
        NativeHeap.keepFreedMemory();
        Path models = Models.locate();
        Path faceApi = models.resolve("face-api");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            JniUtils.setNumThreads(1);
            Landmark68Net landmarks = new Landmark68Net(manager, faceApi);
            FaceRecognitionNet descriptor = new FaceRecognitionNet(manager, faceApi);
            AgeGenderNet ageGender = new AgeGenderNet(manager, faceApi);
            Mat photo = Imgcodecs.imread(models.resolve("samples/sample1.jpg").toString());
            List<Mat> crops = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                crops.add(photo.submat(new Rect(100 + 20 * i, 100, 160, 170))); // face-sized crops; content is irrelevant
            }
            long[] cpu = new long[3];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms up
                java.util.Arrays.fill(cpu, 0);
                for (int r = 0; r < rounds; r++) {
                    long t = THREADS.getCurrentThreadCpuTime();
                    try (NDManager scope = manager.newSubManager()) {
                        landmarks.run(scope, crops);
                    }
                    cpu[0] += THREADS.getCurrentThreadCpuTime() - t;
                    t = THREADS.getCurrentThreadCpuTime();
                    try (NDManager scope = manager.newSubManager()) {
                        descriptor.run(scope, crops);
                    }
                    cpu[1] += THREADS.getCurrentThreadCpuTime() - t;
                    t = THREADS.getCurrentThreadCpuTime();
                    try (NDManager scope = manager.newSubManager()) {
                        ageGender.run(scope, crops);
                    }
                    cpu[2] += THREADS.getCurrentThreadCpuTime() - t;
                }
            }
            double faces = 1e6 * rounds * batch;
            System.out.printf(Locale.ROOT, "batch %d, one caller, one core: landmarks %.2f + descriptor %.2f + "
                    + "age/gender %.2f = %.2f ms cpu per face%n", batch, cpu[0] / faces, cpu[1] / faces,
                    cpu[2] / faces, (cpu[0] + cpu[1] + cpu[2]) / faces);

            Runnable caller = () -> {
                for (int r = 0; r < rounds; r++) {
                    // one scope per network call, as FacePipeline does
                    try (NDManager scope = manager.newSubManager()) {
                        landmarks.run(scope, crops);
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        descriptor.run(scope, crops);
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        ageGender.run(scope, crops);
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
                    System.out.printf(Locale.ROOT, "batch %d, %d concurrent callers, one core each: %.2f ms wall per "
                            + "face (all three networks)%n", batch, callers,
                            (System.nanoTime() - start) / 1e6 / (callers * rounds * batch));
                }
            }
            photo.release();
        }
    }
}
