package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * TensorFlow layer semantics on PyTorch NCHW tensors. TF's "same" padding is asymmetric (the extra pixel goes
 * after) while PyTorch pads symmetrically, so every op pads explicitly and then runs with padding 0.
 */
final class TfOps {

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape ZERO = new Shape(0, 0);

    private TfOps() {
    }

    /** Pads H and W as TF "same" would for this kernel and stride; returns the input when no padding is needed. */
    static NDArray padSame(NDArray x, int kernel, int stride, double value) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long padH = samePadTotal(h, kernel, stride);
        long padW = samePadTotal(w, kernel, stride);
        if (padH == 0 && padW == 0) {
            return x;
        }
        // torch order: (left, right, top, bottom)
        return x.pad(new Shape(padW / 2, padW - padW / 2, padH / 2, padH - padH / 2), value);
    }

    static long samePadTotal(long in, int kernel, int stride) {
        long out = (in + stride - 1) / stride;
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    static NDArray conv(NDArray x, NDArray filter, NDArray bias, int stride, boolean same) {
        int kernel = (int) filter.getShape().get(2);
        NDArray in = same ? padSame(x, kernel, stride, 0) : x;
        return Conv2d.conv2d(in, filter, bias, new Shape(stride, stride), ZERO, ONE, 1).singletonOrThrow();
    }

    /** TF separableConv2d ("same"): depthwise (no bias), pointwise 1×1, then the bias. */
    static NDArray separable(NDArray x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride) {
        int channels = (int) x.getShape().get(1);
        NDArray in = padSame(x, (int) depthwise.getShape().get(2), stride, 0);
        NDArray dw = Conv2d.conv2d(in, depthwise, null, new Shape(stride, stride), ZERO, ONE, channels)
                .singletonOrThrow();
        return Conv2d.conv2d(dw, pointwise, bias, ONE, ZERO, ONE, 1).singletonOrThrow();
    }

    static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
        NDArray in = padSame(x, kernel, stride, Double.NEGATIVE_INFINITY);
        return Pool.maxPool2d(in, new Shape(kernel, kernel), new Shape(stride, stride), ZERO, false);
    }

    static NDArray maxPoolValid(NDArray x, int kernel, int stride) {
        return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), ZERO, false);
    }

    static NDArray avgPoolValid(NDArray x, int kernel, int stride) {
        return Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), ZERO, false, true);
    }

    static NDArray relu(NDArray x) {
        return x.maximum(0f);
    }

    /** TF conv filter [kh, kw, in, out] to PyTorch [out, in, kh, kw]. */
    static NDArray convFilter(NDManager manager, TfjsWeights.Tensor t) {
        int[] s = t.shape();
        int kh = s[0];
        int kw = s[1];
        int in = s[2];
        int out = s[3];
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        dst[((o * in + i) * kh + y) * kw + x] = src[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return manager.create(dst, new Shape(out, in, kh, kw));
    }

    /** TF depthwise filter [kh, kw, C, 1] to PyTorch grouped [C, 1, kh, kw]. */
    static NDArray depthwiseFilter(NDManager manager, TfjsWeights.Tensor t) {
        int[] s = t.shape();
        if (s[3] != 1) {
            throw new IllegalStateException("depthwise multiplier " + s[3] + " unsupported in " + t.name());
        }
        int kh = s[0];
        int kw = s[1];
        int c = s[2];
        float[] src = t.values();
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int ch = 0; ch < c; ch++) {
                    dst[(ch * kh + y) * kw + x] = src[(y * kw + x) * c + ch];
                }
            }
        }
        return manager.create(dst, new Shape(c, 1, kh, kw));
    }

    static NDArray vector(NDManager manager, TfjsWeights.Tensor t) {
        return manager.create(t.values(), new Shape(t.values().length));
    }

    /** Per-channel vector shaped for broadcasting over NCHW. */
    static NDArray channelVector(NDManager manager, TfjsWeights.Tensor t) {
        return manager.create(t.values(), new Shape(1, t.values().length, 1, 1));
    }

    static NDArray matrix(NDManager manager, TfjsWeights.Tensor t) {
        return manager.create(t.values(), new Shape(t.shape()[0], t.shape()[1]));
    }
}
