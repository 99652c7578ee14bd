package io.storesight.face.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** dlib's 128-d ResNet as ported by face-api (conv + bias, folded batch-norm scale, residual and down blocks). */
final class FaceRecognitionNet implements AutoCloseable {

    static final int INPUT = 150;
    static final int DIMENSIONS = 128;
    static final String NAME = "FaceRecognitionNet";
    static final String MODEL = "face_recognition_model";

    /** Conv + bias with the per-channel scale folded in: (x∗f + b)·s + t = x∗(f·s) + (b·s + t). */
    private record ConvLayer(NDArray filter, NDArray bias) {}

    private final ScriptModule module;

    /** The fp32 network. */
    FaceRecognitionNet(NDManager manager, Path faceApiDir) {
        this(manager, faceApiDir, ScriptGraph.Arithmetic.FP32);
    }

    /** Computing as {@code arithmetic} says (int8 ranges from {@link Int8Calibration}). */
    FaceRecognitionNet(NDManager manager, Path faceApiDir, ScriptGraph.Arithmetic arithmetic) {
        module = ScriptGraph.build(manager, NAME, arithmetic, g -> layers(g, manager, faceApiDir));
    }

    /** The layers, described to {@code g}; the output value. */
    static ScriptGraph.Value layers(ScriptGraph g, NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        ConvLayer stem = layer(manager, w, "conv32_down");
        ScriptGraph.Value x = g.conv(g.input(3, INPUT), stem.filter(), stem.bias(), 2, false, true);
        x = g.maxPoolValid(x, 3, 2);
        String[] names = {
            "conv32_1",
            "conv32_2",
            "conv32_3",
            "conv64_down",
            "conv64_1",
            "conv64_2",
            "conv64_3",
            "conv128_down",
            "conv128_1",
            "conv128_2",
            "conv256_down",
            "conv256_1",
            "conv256_2",
            "conv256_down_out"
        };
        for (String name : names) {
            ConvLayer conv1 = layer(manager, w, name + "/conv1");
            ConvLayer conv2 = layer(manager, w, name + "/conv2");
            x = name.contains("down") ? down(g, x, conv1, conv2) : residual(g, x, conv1, conv2);
        }
        return g.dense(g.spatialMean(x), TfTensors.matrix(manager, w.get("fc")), null);
    }

    /** ReLU(x + conv2(ReLU(conv1(x)))), both convs "same". */
    private static ScriptGraph.Value residual(ScriptGraph g, ScriptGraph.Value x, ConvLayer conv1, ConvLayer conv2) {
        ScriptGraph.Value y = g.convToNext(x, conv1.filter(), conv1.bias(), 1, true, true);
        return g.convAdd(y, conv2.filter(), conv2.bias(), 1, true, x, true);
    }

    /**
     * The down block: conv1 with stride 2 and no padding, conv2 "same"; the shortcut is x average-pooled, its
     * channels completed with zeros. Where the conv path comes out smaller than the shortcut the original adds a
     * zero row at the bottom and a zero column at the right.
     */
    private static ScriptGraph.Value down(ScriptGraph g, ScriptGraph.Value x, ConvLayer conv1, ConvLayer conv2) {
        ScriptGraph.Value y = g.convToNext(x, conv1.filter(), conv1.bias(), 2, false, true);
        ScriptGraph.Value shortcut = g.avgPoolValid(x, 2, 2);
        if (shortcut.channels() != conv2.filter().getShape().get(0)) {
            shortcut = g.concatZeroChannels(shortcut);
        }
        if (y.height() == shortcut.height() && y.width() == shortcut.width()) {
            return g.convAdd(y, conv2.filter(), conv2.bias(), 1, true, shortcut, true);
        }
        y = g.conv(y, conv2.filter(), conv2.bias(), 1, true, false);
        return g.add(shortcut, g.padBottomRight(y, shortcut.height(), shortcut.width()), true);
    }

    private static ConvLayer layer(NDManager manager, TfjsWeights w, String prefix) {
        NDArray scale = TfTensors.vector(manager, w.get(prefix + "/scale/weights"));
        NDArray filter = TfTensors.convFilter(manager, w.get(prefix + "/conv/filters"));
        NDArray bias = TfTensors.vector(manager, w.get(prefix + "/conv/bias"));
        NDArray folded = filter.mul(scale.reshape(-1, 1, 1, 1));
        NDArray foldedBias = bias.mul(scale).add(TfTensors.vector(manager, w.get(prefix + "/scale/biases")));
        filter.close();
        bias.close();
        scale.close();
        return new ConvLayer(folded, foldedBias);
    }

    /** One descriptor per crop (the aligned face region, any size). */
    List<float[]> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        float[] out =
                module.forward(scope, NetInput.batch(scope, bgrCrops, INPUT)).toFloatArray();
        List<float[]> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] d = new float[DIMENSIONS];
            System.arraycopy(out, i * DIMENSIONS, d, 0, DIMENSIONS);
            result.add(d);
        }
        return result;
    }

    @Override
    public void close() {
        module.close();
    }
}
