package io.storesight.face.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;

import ai.djl.ndarray.NDManager;

/**
 * face-api's FaceLandmark68Net: four dense blocks of separable convs, average pool, fc → 68 (x, y) in 0..1 of the
 * padded square input.
 */
final class Landmark68Net implements AutoCloseable {

    static final int INPUT = 112;
    static final String NAME = "Landmark68Net";
    static final String MODEL = "face_landmark_68_model";

    private final ScriptModule module;

    /** The fp32 network. */
    Landmark68Net(NDManager manager, Path faceApiDir) {
        this(manager, faceApiDir, ScriptGraph.Arithmetic.FP32);
    }

    /** Computing as {@code arithmetic} says (int8 ranges from {@link Int8Calibration}). */
    Landmark68Net(NDManager manager, Path faceApiDir, ScriptGraph.Arithmetic arithmetic) {
        module = ScriptGraph.build(manager, NAME, arithmetic, g -> layers(g, manager, faceApiDir));
    }

    /** The layers, described to {@code g}; the output value. */
    static ScriptGraph.Value layers(ScriptGraph g, NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        ScriptGraph.Value x = g.input(3, INPUT);
        for (int i = 0; i < 4; i++) {
            x = denseBlock(g, manager, w, "dense" + i + "/", x, i == 0);
        }
        x = g.flatten(g.avgPoolValid(x, 7, 2));
        return g.dense(x, TfTensors.matrix(manager, w.get("fc/weights")), TfTensors.vector(manager, w.get("fc/bias")));
    }

    /**
     * a = ReLU(conv0(x)) with stride 2 (a plain conv in the first block, separable after); then each separable
     * conv adds to the running sum of the previous outputs: s1 = a + conv1(a), s2 = s1 + conv2(ReLU(s1)),
     * out = ReLU(s2 + conv3(ReLU(s2))).
     */
    private static ScriptGraph.Value denseBlock(
            ScriptGraph g, NDManager manager, TfjsWeights w, String p, ScriptGraph.Value x, boolean plainConv0) {
        ScriptGraph.Value a = plainConv0
                ? g.conv(
                        x,
                        TfTensors.convFilter(manager, w.get(p + "conv0/filters")),
                        TfTensors.vector(manager, w.get(p + "conv0/bias")),
                        2,
                        true,
                        true)
                : separable(g, manager, w, p + "conv0", x, 2, null, true);
        ScriptGraph.Value sum = separable(g, manager, w, p + "conv1", a, 1, a, false);
        sum = separable(g, manager, w, p + "conv2", g.relu(sum), 1, sum, false);
        return separable(g, manager, w, p + "conv3", g.relu(sum), 1, sum, true);
    }

    private static ScriptGraph.Value separable(
            ScriptGraph g,
            NDManager manager,
            TfjsWeights w,
            String prefix,
            ScriptGraph.Value x,
            int stride,
            ScriptGraph.Value addend,
            boolean relu) {
        return g.separable(
                x,
                TfTensors.depthwiseFilter(manager, w.get(prefix + "/depthwise_filter")),
                TfTensors.convFilter(manager, w.get(prefix + "/pointwise_filter")),
                TfTensors.vector(manager, w.get(prefix + "/bias")),
                stride,
                addend,
                relu);
    }

    /** 68 landmarks per crop, in pixel coordinates of that crop (face-api's postProcess). */
    List<Point2[]> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        float[] out =
                module.forward(scope, NetInput.batch(scope, bgrCrops, INPUT)).toFloatArray();

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

    @Override
    public void close() {
        module.close();
    }
}
