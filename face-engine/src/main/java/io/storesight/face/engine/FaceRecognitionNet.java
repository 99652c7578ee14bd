package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/** dlib's 128-d ResNet as ported by face-api (conv + bias, folded batch-norm scale, residual and down blocks). */
final class FaceRecognitionNet {

    static final int INPUT = 150;
    static final int DIMENSIONS = 128;
    static final String MODEL = "face_recognition_model";

    /** Conv + bias with the per-channel scale folded in: (x∗f + b)·s + t = x∗(f·s) + (b·s + t). */
    private record ConvLayer(NDArray filter, NDArray bias) {
        NDArray apply(NDArray x, int stride, boolean same, boolean relu) {
            NDArray y = TfOps.conv(x, filter, bias, stride, same);
            return relu ? TfOps.relu(y) : y;
        }
    }

    private record Residual(ConvLayer conv1, ConvLayer conv2, boolean down) {
        NDArray apply(NDArray x) {
            if (!down) {
                NDArray y = conv2.apply(conv1.apply(x, 1, true, true), 1, true, false);
                return TfOps.relu(y.addi(x));
            }
            NDArray y = conv2.apply(conv1.apply(x, 2, false, true), 1, true, false);
            NDArray shortcut = TfOps.avgPoolValid(x, 2, 2);
            if (y.getShape().get(2) != shortcut.getShape().get(2) || y.getShape().get(3) != shortcut.getShape().get(3)) {
                // a zero row at the bottom and a zero column at the right, as the original does
                y = y.pad(new Shape(0, 1, 0, 1), 0);
            }
            if (shortcut.getShape().get(1) != y.getShape().get(1)) {
                shortcut = shortcut.concat(shortcut.zerosLike(), 1);
            }
            return TfOps.relu(shortcut.addi(y));
        }
    }

    private final ConvLayer stem;
    private final List<Residual> blocks = new ArrayList<>();
    private final NDArray fc;

    FaceRecognitionNet(NDManager manager, Path faceApiDir) {
        TfjsWeights w = TfjsWeights.load(faceApiDir, MODEL);
        stem = layer(manager, w, "conv32_down");
        String[] names = {"conv32_1", "conv32_2", "conv32_3", "conv64_down", "conv64_1", "conv64_2", "conv64_3",
            "conv128_down", "conv128_1", "conv128_2", "conv256_down", "conv256_1", "conv256_2", "conv256_down_out"};
        for (String name : names) {
            blocks.add(new Residual(layer(manager, w, name + "/conv1"), layer(manager, w, name + "/conv2"),
                    name.contains("down")));
        }
        fc = TfOps.matrix(manager, w.get("fc"));
    }

    private static ConvLayer layer(NDManager manager, TfjsWeights w, String prefix) {
        NDArray scale = TfOps.vector(manager, w.get(prefix + "/scale/weights"));
        NDArray filter = TfOps.convFilter(manager, w.get(prefix + "/conv/filters"));
        NDArray bias = TfOps.vector(manager, w.get(prefix + "/conv/bias"));
        NDArray folded = filter.mul(scale.reshape(-1, 1, 1, 1));
        NDArray foldedBias = bias.mul(scale).add(TfOps.vector(manager, w.get(prefix + "/scale/biases")));
        filter.close();
        bias.close();
        scale.close();
        return new ConvLayer(folded, foldedBias);
    }

    /** One descriptor per crop (the aligned face region, any size). */
    List<float[]> run(NDManager scope, List<Mat> bgrCrops) {
        int n = bgrCrops.size();
        NDArray x = NetInput.batch(scope, bgrCrops, INPUT);
        x = stem.apply(x, 2, false, true);
        x = TfOps.maxPoolValid(x, 3, 2);
        for (Residual block : blocks) {
            x = block.apply(x);
        }
        float[] out = x.mean(new int[] {3}).mean(new int[] {2}).matMul(fc).toFloatArray();
        List<float[]> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] d = new float[DIMENSIONS];
            System.arraycopy(out, i * DIMENSIONS, d, 0, DIMENSIONS);
            result.add(d);
        }
        return result;
    }
}
