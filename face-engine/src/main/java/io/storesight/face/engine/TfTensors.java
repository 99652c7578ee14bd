package io.storesight.face.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * face-api's TF.js weight tensors as PyTorch arrays: TF keeps conv filters as [kh, kw, in, out] and depthwise
 * filters as [kh, kw, C, 1]; PyTorch wants [out, in, kh, kw] and [C, 1, kh, kw].
 */
final class TfTensors {

    private TfTensors() {}

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

    static NDArray matrix(NDManager manager, TfjsWeights.Tensor t) {
        return manager.create(t.values(), new Shape(t.shape()[0], t.shape()[1]));
    }
}
