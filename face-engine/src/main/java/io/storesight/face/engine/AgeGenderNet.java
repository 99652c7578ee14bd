package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/** face-api's AgeGenderNet: a tiny Xception with an age regression head and a male/female softmax head. */
final class AgeGenderNet {

    static final int INPUT = 112;
    static final String MODEL = "age_gender_model";

    /** Age in years and probability of index 0 (male) of the gender softmax. */
    record Estimate(float age, float maleProbability) {
    }

    private record SepConv(NDArray depthwise, NDArray pointwise, NDArray bias) {
        NDArray apply(NDArray x) {
            return TfOps.separable(x, depthwise, pointwise, bias, 1);
        }
    }

    private record ReductionBlock(SepConv sep0, SepConv sep1, NDArray expansionFilter, NDArray expansionBias) {
        NDArray apply(NDArray x, boolean first) {
            NDArray y = sep0.apply(first ? x : TfOps.relu(x));
            y = sep1.apply(TfOps.relu(y));
            y = TfOps.maxPoolSame(y, 3, 2);
            return y.addi(TfOps.conv(x, expansionFilter, expansionBias, 2, true));
        }
    }

    private record MainBlock(SepConv sep0, SepConv sep1, SepConv sep2) {
        NDArray apply(NDArray x) {
            NDArray y = sep0.apply(TfOps.relu(x));
            y = sep1.apply(TfOps.relu(y));
            y = sep2.apply(TfOps.relu(y));
            return y.addi(x);
        }
    }

    private final NDArray convInFilter;
    private final NDArray convInBias;
    private final ReductionBlock reduction0;
    private final ReductionBlock reduction1;
    private final MainBlock main0;
    private final MainBlock main1;
    private final ReductionBlock exitReduction;
    private final SepConv exitSep;
    private final NDArray ageWeights;
    private final NDArray ageBias;
    private final NDArray genderWeights;
    private final NDArray genderBias;

    AgeGenderNet(NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        convInFilter = TfOps.convFilter(manager, w.get("entry_flow/conv_in/filters"));
        convInBias = TfOps.vector(manager, w.get("entry_flow/conv_in/bias"));
        reduction0 = reduction(manager, w, "entry_flow/reduction_block_0");
        reduction1 = reduction(manager, w, "entry_flow/reduction_block_1");
        main0 = main(manager, w, "middle_flow/main_block_0");
        main1 = main(manager, w, "middle_flow/main_block_1");
        exitReduction = reduction(manager, w, "exit_flow/reduction_block");
        exitSep = sep(manager, w, "exit_flow/separable_conv");
        ageWeights = TfOps.matrix(manager, w.get("fc/age/weights"));
        ageBias = TfOps.vector(manager, w.get("fc/age/bias"));
        genderWeights = TfOps.matrix(manager, w.get("fc/gender/weights"));
        genderBias = TfOps.vector(manager, w.get("fc/gender/bias"));
    }

    private static SepConv sep(NDManager manager, TfjsWeights w, String prefix) {
        return new SepConv(TfOps.depthwiseFilter(manager, w.get(prefix + "/depthwise_filter")),
                TfOps.convFilter(manager, w.get(prefix + "/pointwise_filter")),
                TfOps.vector(manager, w.get(prefix + "/bias")));
    }

    private static ReductionBlock reduction(NDManager manager, TfjsWeights w, String prefix) {
        return new ReductionBlock(sep(manager, w, prefix + "/separable_conv0"), sep(manager, w, prefix + "/separable_conv1"),
                TfOps.convFilter(manager, w.get(prefix + "/expansion_conv/filters")),
                TfOps.vector(manager, w.get(prefix + "/expansion_conv/bias")));
    }

    private static MainBlock main(NDManager manager, TfjsWeights w, String prefix) {
        return new MainBlock(sep(manager, w, prefix + "/separable_conv0"), sep(manager, w, prefix + "/separable_conv1"),
                sep(manager, w, prefix + "/separable_conv2"));
    }

    List<Estimate> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        NDArray x = NetInput.batch(scope, bgrCrops, INPUT);
        x = TfOps.relu(TfOps.conv(x, convInFilter, convInBias, 2, true));
        x = reduction0.apply(x, true);
        x = reduction1.apply(x, false);
        x = main0.apply(x);
        x = main1.apply(x);
        x = exitReduction.apply(x, false);
        x = TfOps.relu(exitSep.apply(x));
        NDArray pooled = TfOps.avgPoolValid(x, 7, 2).reshape(n, -1);
        float[] age = pooled.matMul(ageWeights).add(ageBias).toFloatArray();
        float[] gender = pooled.matMul(genderWeights).add(genderBias).softmax(1).toFloatArray();
        List<Estimate> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new Estimate(age[i], gender[2 * i]));
        }
        return result;
    }
}
