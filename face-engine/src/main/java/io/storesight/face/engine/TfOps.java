package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * TensorFlow layer semantics on PyTorch NCHW tensors. TF's "same" padding is asymmetric (the extra pixel goes
 * after) while PyTorch pads symmetrically: an even total is passed to the op itself (no copy of the input), an odd
 * one is padded explicitly and the op runs with padding 0.
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
        return convGroups(x, filter, bias, stride, same, 1);
    }

    /** TF separableConv2d ("same"): depthwise (no bias), pointwise 1×1, then the bias. */
    static NDArray separable(NDArray x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride) {
        NDArray dw = convGroups(x, depthwise, null, stride, true, (int) x.getShape().get(1));
        return Conv2d.conv2d(dw, pointwise, bias, ONE, ZERO, ONE, 1).singletonOrThrow();
    }

    private static NDArray convGroups(NDArray x, NDArray filter, NDArray bias, int stride, boolean same, int groups) {
        Shape strides = new Shape(stride, stride);
        if (!same) {
            return Conv2d.conv2d(x, filter, bias, strides, ZERO, ONE, groups).singletonOrThrow();
        }
        int kernel = (int) filter.getShape().get(2);
        long padH = samePadTotal(x.getShape().get(2), kernel, stride);
        long padW = samePadTotal(x.getShape().get(3), kernel, stride);
        if (padH % 2 == 0 && padW % 2 == 0) {
            return Conv2d.conv2d(x, filter, bias, strides, new Shape(padH / 2, padW / 2), ONE, groups)
                    .singletonOrThrow();
        }
        return Conv2d.conv2d(padSame(x, kernel, stride, 0), filter, bias, strides, ZERO, ONE, groups)
                .singletonOrThrow();
    }

    static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
        long padH = samePadTotal(x.getShape().get(2), kernel, stride);
        long padW = samePadTotal(x.getShape().get(3), kernel, stride);
        if (padH <= 1 && padW <= 1) {
            // all the padding goes after: ceil mode adds the last, partial window without copying the input
            return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), ZERO, true);
        }
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
        return Activation.relu(x);
    }

    /** TF conv filter [kh, kw, in, out] to PyTorch [out, in, kh, kw], channels-last in memory like the inputs. */
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
                        dst[((o * kh + y) * kw + x) * in + i] = src[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return manager.create(dst, new Shape(out, kh, kw, in)).transpose(0, 3, 1, 2);
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

    static NDArray matrix(NDManager manager, TfjsWeights.Tensor t) {
        return manager.create(t.values(), new Shape(t.shape()[0], t.shape()[1]));
    }
}
