package io.storesight.face.engine;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class NetTiming {
    static long cpu() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat")).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
        } catch (Exception e) { return -1; }
    }

    @Test
    void time() {
        FacePipeline p = Samples.pipeline();
        Mat img = Samples.decode(Samples.sampleBytes(6));
        List<Mat> crops = new ArrayList<>();
        for (int i = 0; i < 8; i++) crops.add(img.submat(new Rect(1159 + i, 342, 240, 240)));
        NDManager base = NDManager.newBaseManager(ai.djl.Device.cpu(), "PyTorch");
        Landmark68Net lm = new Landmark68Net(base, Samples.modelDir().resolve("face-api"));
        FaceRecognitionNet fr = new FaceRecognitionNet(base, Samples.modelDir().resolve("face-api"));
        for (int rep = 0; rep < 5; rep++) {
            for (int b : new int[] {1, 8}) {
                long c0 = cpu();
                long t = System.nanoTime();
                try (NDManager s = base.newSubManager()) { lm.run(s, crops.subList(0, b)); }
                long t2 = System.nanoTime();
                try (NDManager s = base.newSubManager()) { fr.run(s, crops.subList(0, b)); }
                long t3 = System.nanoTime();
                System.out.printf("rep %d batch %d: lm %.1f ms fr %.1f ms cpu %d ms%n", rep, b, (t2 - t) / 1e6, (t3 - t2) / 1e6, cpu() - c0);
            }
        }
        System.out.println("torch threads: " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
    }
}
