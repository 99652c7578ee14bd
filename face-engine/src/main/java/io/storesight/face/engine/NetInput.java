package io.storesight.face.engine;

import java.util.Arrays;
import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The face-api input pipeline for one crop, reproduced exactly so that the networks see the pixels the original
 * implementation feeds them: pad to a centred black square (the extra odd pixel after), TF.js bilinear resize
 * (align_corners = false, half_pixel_centers = false; OpenCV's INTER_LINEAR uses half-pixel centres and gives
 * different values), RGB, (x − mean) / 255.
 *
 * <p>Tensors are NCHW-shaped but channels-last in memory (an NHWC array viewed through a permutation): oneDNN's
 * depthwise convolutions on plain NCHW reorder every input into a blocked layout in fresh scratch memory, which
 * made them 10–20× slower than the same ops on channels-last tensors. Convs, pools and element-wise ops keep the
 * layout of their input, so one permuted input puts the whole network on the fast path.
 */
final class NetInput {

    private static final float MEAN_R = 122.782f;
    private static final float MEAN_G = 117.001f;
    private static final float MEAN_B = 104.298f;

    private NetInput() {}

    /** The crops as one N×3×size×size tensor, channels-last in memory, owned by {@code scope}. */
    static NDArray batch(NDManager scope, List<Mat> bgrCrops, int size) {
        int perCrop = size * size * 3;
        float[] input = new float[bgrCrops.size() * perCrop];
        for (int i = 0; i < bgrCrops.size(); i++) {
            write(bgrCrops.get(i), size, input, i * perCrop);
        }
        return scope.create(input, new Shape(bgrCrops.size(), size, size, 3)).transpose(0, 3, 1, 2);
    }

    /** Writes the normalised HWC pixels of a BGR 8-bit crop into {@code dst} at {@code offset}. */
    static void write(Mat bgrCrop, int size, float[] dst, int offset) {
        if (bgrCrop.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected an 8-bit BGR crop, got type " + bgrCrop.type());
        }
        int h = bgrCrop.rows();
        int w = bgrCrop.cols();
        // only the source rows the interpolation reads are copied out of the crop, one at a time: a face crop of
        // a large photo is several times the network's input, and copying all of it cost more than the resize
        byte[] row = new byte[w * 3];

        int side = Math.max(h, w);
        int diff = Math.abs(h - w);
        int after = Math.round(diff * 0.5f);
        int before = diff - after;
        int offY = h < w ? before : 0;
        int offX = w < h ? before : 0;

        // Source coordinates depend on the row or the column only: computed once per axis. Indices point into
        // the crop (-1 where the virtual padding is, which is black).
        double ratio = (double) side / size;
        int[] colA = new int[size];
        int[] colB = new int[size];
        double[] fxs = new double[size];
        for (int c = 0; c < size; c++) {
            double srcX = side == size ? c : ratio * c;
            int x0 = (int) Math.floor(srcX);
            fxs[c] = srcX - x0;
            colA[c] = inside(x0 - offX, w);
            colB[c] = inside(Math.min(side - 1, (int) Math.ceil(srcX)) - offX, w);
        }
        // The interpolation is separable: each source row is interpolated along x once (into RGB doubles for
        // every output column), and output rows mix two such rows; the arithmetic per value is unchanged.
        float[] means = new float[size * 3];
        for (int i = 0; i < means.length; i += 3) {
            means[i] = MEAN_R;
            means[i + 1] = MEAN_G;
            means[i + 2] = MEAN_B;
        }
        double[] upper = new double[size * 3];
        double[] lower = new double[size * 3];
        int upperRow = Integer.MIN_VALUE;
        int lowerRow = Integer.MIN_VALUE;
        for (int r = 0; r < size; r++) {
            double srcY = side == size ? r : ratio * r;
            int y0 = (int) Math.floor(srcY);
            double fy = srcY - y0;
            int rowA = inside(y0 - offY, h);
            int rowB = inside(Math.min(side - 1, (int) Math.ceil(srcY)) - offY, h);
            if (rowA != upperRow) {
                if (rowA == lowerRow) {
                    double[] swap = upper;
                    upper = lower;
                    lower = swap;
                    lowerRow = upperRow;
                } else {
                    alongX(bgrCrop, rowA, row, colA, colB, fxs, upper);
                }
                upperRow = rowA;
            }
            if (rowB != lowerRow) {
                if (rowB == upperRow) {
                    System.arraycopy(upper, 0, lower, 0, lower.length);
                } else {
                    alongX(bgrCrop, rowB, row, colA, colB, fxs, lower);
                }
                lowerRow = rowB;
            }
            int out = offset + r * size * 3;
            for (int i = 0; i < means.length; i++) {
                float value = (float) (upper[i] + (lower[i] - upper[i]) * fy);
                dst[out + i] = (value - means[i]) / 255f;
            }
        }
    }

    /** One source row (-1: padding) interpolated at every output column, RGB; {@code bgr} holds one row's bytes. */
    private static void alongX(Mat crop, int row, byte[] bgr, int[] colA, int[] colB, double[] fxs, double[] out) {
        if (row < 0) {
            Arrays.fill(out, 0);
            return;
        }
        crop.get(row, 0, bgr);
        for (int c = 0, o = 0; c < fxs.length; c++, o += 3) {
            double fx = fxs[c];
            int a = colA[c] < 0 ? -1 : colA[c] * 3;
            int b = colB[c] < 0 ? -1 : colB[c] * 3;
            for (int ch = 0; ch < 3; ch++) {
                int bgrChannel = 2 - ch;
                double left = a < 0 ? 0 : bgr[a + bgrChannel] & 0xff;
                double right = b < 0 ? 0 : bgr[b + bgrChannel] & 0xff;
                out[o + ch] = left + (right - left) * fx;
            }
        }
    }

    /** The coordinate if it lies in the crop, -1 if in the padding. */
    private static int inside(int coordinate, int limit) {
        return coordinate >= 0 && coordinate < limit ? coordinate : -1;
    }
}
