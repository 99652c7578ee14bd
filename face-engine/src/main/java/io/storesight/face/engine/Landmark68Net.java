package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * face-api's FaceLandmark68Net: four dense blocks of separable convs, average pool, fc → 68 (x, y) in 0..1 of the
 * padded square input.
 */
final class Landmark68Net {

    static final int INPUT = 112;
    static final String MODEL = "face_landmark_68_model";

    private record SepConv(NDArray depthwise, NDArray pointwise, NDArray bias) {
        NDArray apply(NDArray x, int stride) {
            return TfOps.separable(x, depthwise, pointwise, bias, stride);
        }
    }

    private record DenseBlock(NDArray conv0Filter, NDArray conv0Bias, SepConv conv0Sep, SepConv conv1, SepConv conv2,
                              SepConv conv3) {
        NDArray apply(NDArray x) {
            NDArray a = TfOps.relu(conv0Sep == null
                    ? TfOps.conv(x, conv0Filter, conv0Bias, 2, true)
                    : conv0Sep.apply(x, 2));
            NDArray sum = a.add(conv1.apply(a, 1));
            sum.addi(conv2.apply(TfOps.relu(sum), 1));
            sum.addi(conv3.apply(TfOps.relu(sum), 1));
            return TfOps.relu(sum);
        }
    }

    private final DenseBlock[] blocks = new DenseBlock[4];
    private final NDArray fcWeights;
    private final NDArray fcBias;

    Landmark68Net(NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        for (int i = 0; i < 4; i++) {
            String p = "dense" + i + "/";
            NDArray filter = null;
            NDArray bias = null;
            SepConv sep0 = null;
            if (i == 0) {
                filter = TfOps.convFilter(manager, w.get(p + "conv0/filters"));
                bias = TfOps.vector(manager, w.get(p + "conv0/bias"));
            } else {
                sep0 = sep(manager, w, p + "conv0");
            }
            blocks[i] = new DenseBlock(filter, bias, sep0, sep(manager, w, p + "conv1"), sep(manager, w, p + "conv2"),
                    sep(manager, w, p + "conv3"));
        }
        fcWeights = TfOps.matrix(manager, w.get("fc/weights"));
        fcBias = TfOps.vector(manager, w.get("fc/bias"));
    }

    private static SepConv sep(NDManager manager, TfjsWeights w, String prefix) {
        return new SepConv(TfOps.depthwiseFilter(manager, w.get(prefix + "/depthwise_filter")),
                TfOps.convFilter(manager, w.get(prefix + "/pointwise_filter")),
                TfOps.vector(manager, w.get(prefix + "/bias")));
    }

    /** 68 landmarks per crop, in pixel coordinates of that crop (face-api's postProcess). */
    List<Point2[]> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        NDArray x = NetInput.batch(scope, bgrCrops, INPUT);
        for (DenseBlock block : blocks) {
            x = block.apply(x);
        }
        x = TfOps.avgPoolValid(x, 7, 2).reshape(n, -1);
        float[] out = x.matMul(fcWeights).add(fcBias).toFloatArray();

        List<Point2[]> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Mat crop = bgrCrops.get(i);
            float w = crop.cols();
            float h = crop.rows();
            float scale = INPUT / Math.max(w, h);
            float sw = w * scale;
            float sh = h * scale;
            float padX = sw < sh ? Math.abs(sw - sh) / 2f : 0f;
            float padY = sh < sw ? Math.abs(sw - sh) / 2f : 0f;
            Point2[] points = new Point2[68];
            for (int k = 0; k < 68; k++) {
                float rx = (out[i * 136 + 2 * k] * INPUT - padX) / sw;
                float ry = (out[i * 136 + 2 * k + 1] * INPUT - padY) / sh;
                points[k] = new Point2(rx * w, ry * h);
            }
            result.add(points);
        }
        return result;
    }
}
