package io.storesight.face.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;

import ai.djl.ndarray.NDManager;

/** face-api's AgeGenderNet: a tiny Xception with an age regression head and a male/female softmax head. */
final class AgeGenderNet implements AutoCloseable {

    static final int INPUT = 112;
    static final String NAME = "AgeGenderNet";
    static final String MODEL = "age_gender_model";

    /** Age in years and probability of index 0 (male) of the gender softmax. */
    record Estimate(float age, float maleProbability) {}

    private final ScriptModule module;

    /** The fp32 network. */
    AgeGenderNet(NDManager manager, Path faceApiDir) {
        this(manager, faceApiDir, ScriptGraph.Arithmetic.FP32);
    }

    /** Computing as {@code arithmetic} says (int8 ranges from {@link Int8Calibration}). */
    AgeGenderNet(NDManager manager, Path faceApiDir, ScriptGraph.Arithmetic arithmetic) {
        module = ScriptGraph.build(manager, NAME, arithmetic, g -> layers(g, manager, faceApiDir));
    }

    /** The layers, described to {@code g}; the output value. */
    static ScriptGraph.Value layers(ScriptGraph g, NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        ScriptGraph.Value x = g.conv(
                g.input(3, INPUT),
                TfTensors.convFilter(manager, w.get("entry_flow/conv_in/filters")),
                TfTensors.vector(manager, w.get("entry_flow/conv_in/bias")),
                2,
                true,
                true);
        x = reduction(g, manager, w, "entry_flow/reduction_block_0", x, x);
        x = reduction(g, manager, w, "entry_flow/reduction_block_1", x, g.relu(x));
        x = main(g, manager, w, "middle_flow/main_block_0", x);
        x = main(g, manager, w, "middle_flow/main_block_1", x);
        x = reduction(g, manager, w, "exit_flow/reduction_block", x, g.relu(x));
        x = separable(g, manager, w, "exit_flow/separable_conv", x, null, true);
        ScriptGraph.Value pooled = g.flatten(g.avgPoolValid(x, 7, 2));
        ScriptGraph.Value age = g.dense(
                pooled,
                TfTensors.matrix(manager, w.get("fc/age/weights")),
                TfTensors.vector(manager, w.get("fc/age/bias")));
        ScriptGraph.Value gender = g.softmax(g.dense(
                pooled,
                TfTensors.matrix(manager, w.get("fc/gender/weights")),
                TfTensors.vector(manager, w.get("fc/gender/bias"))));
        return g.concatColumns(age, gender);
    }

    /**
     * Two separable convs (ReLU between), a "same" max pool, plus the 1×1 stride-2 expansion conv of the block
     * input. {@code activated} is the input the first separable conv sees: ReLU(x), except in the first block.
     */
    private static ScriptGraph.Value reduction(
            ScriptGraph g,
            NDManager manager,
            TfjsWeights w,
            String prefix,
            ScriptGraph.Value x,
            ScriptGraph.Value activated) {
        ScriptGraph.Value y = separable(g, manager, w, prefix + "/separable_conv0", activated, null, true);
        y = separable(g, manager, w, prefix + "/separable_conv1", y, null, false);
        y = g.maxPoolSame(y, 3, 2);
        return g.convAdd(
                x,
                TfTensors.convFilter(manager, w.get(prefix + "/expansion_conv/filters")),
                TfTensors.vector(manager, w.get(prefix + "/expansion_conv/bias")),
                2,
                true,
                y,
                false);
    }

    /** x + sep2(ReLU(sep1(ReLU(sep0(ReLU(x)))))). */
    private static ScriptGraph.Value main(
            ScriptGraph g, NDManager manager, TfjsWeights w, String prefix, ScriptGraph.Value x) {
        ScriptGraph.Value y = separable(g, manager, w, prefix + "/separable_conv0", g.relu(x), null, true);
        y = separable(g, manager, w, prefix + "/separable_conv1", y, null, true);
        return separable(g, manager, w, prefix + "/separable_conv2", y, x, false);
    }

    private static ScriptGraph.Value separable(
            ScriptGraph g,
            NDManager manager,
            TfjsWeights w,
            String prefix,
            ScriptGraph.Value x,
            ScriptGraph.Value addend,
            boolean relu) {
        return g.separable(
                x,
                TfTensors.depthwiseFilter(manager, w.get(prefix + "/depthwise_filter")),
                TfTensors.convFilter(manager, w.get(prefix + "/pointwise_filter")),
                TfTensors.vector(manager, w.get(prefix + "/bias")),
                1,
                addend,
                relu);
    }

    List<Estimate> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        // per crop: age, P(male), P(female)
        float[] out =
                module.forward(scope, NetInput.batch(scope, bgrCrops, INPUT)).toFloatArray();
        List<Estimate> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new Estimate(out[3 * i], out[3 * i + 1]));
        }
        return result;
    }

    @Override
    public void close() {
        module.close();
    }
}
