package io.storesight.face.engine;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

class DebugDetect {
    @Test
    void debug() {
        OpenCvNatives.load();
        Mat img = Samples.decode(Samples.sampleBytes(2));
        for (BlazeFace.Variant v : BlazeFace.Variant.values()) {
            BlazeFace bf = new BlazeFace(Samples.modelDir().resolve("mediapipe"), v);
            // temporarily inspect: count raw
            var raw = bf.detectRaw(img);
            System.out.println(v + " raw=" + raw.size() + " nms=" + WeightedNms.apply(raw, 0.3f).size());
            for (var d : WeightedNms.apply(raw, 0.3f)) System.out.println("   " + d.box() + " " + d.score());
        }
    }
}
