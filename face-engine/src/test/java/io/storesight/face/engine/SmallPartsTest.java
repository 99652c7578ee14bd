package io.storesight.face.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void euclideanDistance() {
        assertEquals(5f, FaceDistance.euclidean(new float[] {0, 0}, new float[] {3, 4}), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> FaceDistance.euclidean(new float[1], new float[2]));
    }

    @Test
    void tfSamePaddingIsAsymmetric() {
        assertEquals(1, ScriptGraph.samePadTotal(112, 3, 2)); // 0 before, 1 after
        assertEquals(2, ScriptGraph.samePadTotal(56, 3, 1));
        assertEquals(0, ScriptGraph.samePadTotal(56, 1, 2));
    }

    @Test
    void weightedNmsAveragesOverlappingDetections() {
        Point2[] kp = {new Point2(0, 0)};
        var a = new BlazeFace.Detection(new Box(0, 0, 10, 10), 0.9f, kp);
        var b = new BlazeFace.Detection(new Box(2, 0, 10, 10), 0.3f, new Point2[] {new Point2(4, 0)});
        var far = new BlazeFace.Detection(new Box(50, 50, 10, 10), 0.7f, kp);
        List<BlazeFace.Detection> out = WeightedNms.apply(List.of(b, far, a), 0.3f);
        assertEquals(2, out.size());
        assertEquals(0.9f, out.get(0).score());
        assertEquals(0.5f, out.get(0).box().x(), 1e-5);
        assertEquals(1f, out.get(0).keypoints()[0].x(), 1e-5);
        assertEquals(far, out.get(1));
    }

    @Test
    void dlibAlignmentFollowsFaceApi() {
        Point2[] pts = new Point2[68];
        for (int i = 0; i < 68; i++) {
            pts[i] = new Point2(100, 100);
        }
        for (int i = 36; i < 42; i++) {
            pts[i] = new Point2(80, 100);
        }
        for (int i = 42; i < 48; i++) {
            pts[i] = new Point2(120, 100);
        }
        for (int i = 48; i < 68; i++) {
            pts[i] = new Point2(100, 145);
        }
        var r = Alignment.descriptorCrop(List.of(pts), 1000, 1000);
        // eye-mouth distance sqrt(20² + 45²) = 49.24 → size floor(49.24 / 0.45) = 109; centroid (100, 115)
        assertEquals(109, r.width);
        assertEquals(109, r.height);
        assertEquals((int) Math.floor(100 - 0.5 * 109), r.x);
        assertEquals((int) Math.floor(115 - 0.43 * 109), r.y);
    }

    @Test
    void configValidation() {
        EngineConfig defaults = EngineConfig.defaults();
        assertEquals(DetectorMode.FULL_RANGE, defaults.detector());
        assertEquals(8, defaults.batchSize());
        assertThrows(IllegalArgumentException.class, () -> defaults.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxPixels(0));
    }
}
