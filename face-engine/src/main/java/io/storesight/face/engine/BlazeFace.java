package io.storesight.face.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;
import org.opencv.imgproc.Imgproc;

/**
 * One MediaPipe BlazeFace model (full or short range) run through OpenCV DNN: letterbox, SSD anchor decoding,
 * weighted NMS. An OpenCV {@link Net} keeps per-inference state, so concurrent callers each borrow one from a pool.
 */
final class BlazeFace {

    /** A face in pixel coordinates of the image passed to {@link #detect}. */
    record Detection(Box box, float score, Point2[] keypoints) {}

    enum Variant {
        FULL_RANGE(
                "face_detection_full_range.tflite",
                192,
                0.6f,
                new int[] {4},
                1,
                "reshaped_classifier_face_4",
                "reshaped_regressor_face_4"),
        SHORT_RANGE(
                "face_detection_short_range.tflite",
                128,
                0.5f,
                new int[] {8, 16, 16, 16},
                2,
                "classificators",
                "regressors");

        final String file;
        final int inputSize;
        final float minScore;
        final int[] strides;
        final int anchorsPerLayer;
        final String scoresOutput;
        final String boxesOutput;

        Variant(
                String file,
                int inputSize,
                float minScore,
                int[] strides,
                int anchorsPerLayer,
                String scoresOutput,
                String boxesOutput) {
            this.file = file;
            this.inputSize = inputSize;
            this.minScore = minScore;
            this.strides = strides;
            this.anchorsPerLayer = anchorsPerLayer;
            this.scoresOutput = scoresOutput;
            this.boxesOutput = boxesOutput;
        }
    }

    static final float NMS_IOU = 0.3f;
    private static final int KEYPOINTS = 6;

    private final Variant variant;
    private final float minScore;
    private final byte[] modelBytes;
    private final float[] anchors; // (cx, cy) pairs, normalised
    private final ConcurrentLinkedDeque<Net> pool = new ConcurrentLinkedDeque<>();
    private final List<String> outputNames;

    BlazeFace(Path mediapipeDir, Variant variant) {
        this(mediapipeDir, variant, variant.minScore);
    }

    BlazeFace(Path mediapipeDir, Variant variant, float minScore) {
        this.variant = variant;
        this.minScore = minScore;
        Path file = mediapipeDir.resolve(variant.file);
        try {
            this.modelBytes = Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + " (run models/fetch)", e);
        }
        this.anchors = anchors(variant);
        this.outputNames = List.of(variant.scoresOutput, variant.boxesOutput);
        pool.push(newNet()); // fail fast on a bad model file
    }

    Variant variant() {
        return variant;
    }

    int anchorCount() {
        return anchors.length / 2;
    }

    private Net newNet() {
        Net net = Dnn.readNetFromTFLite(new org.opencv.core.MatOfByte(modelBytes));
        if (net.empty()) {
            throw new IllegalStateException("OpenCV could not load " + variant.file);
        }
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        return net;
    }

    /** MediaPipe SSD anchors with fixed size: layers of equal stride share one grid. */
    static float[] anchors(Variant variant) {
        List<float[]> list = new ArrayList<>();
        int[] strides = variant.strides;
        int layer = 0;
        while (layer < strides.length) {
            int stride = strides[layer];
            int perCell = 0;
            int last = layer;
            while (last < strides.length && strides[last] == stride) {
                perCell += variant.anchorsPerLayer;
                last++;
            }
            int grid = (int) Math.ceil((double) variant.inputSize / stride);
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    for (int a = 0; a < perCell; a++) {
                        list.add(new float[] {(x + 0.5f) / grid, (y + 0.5f) / grid});
                    }
                }
            }
            layer = last;
        }
        float[] flat = new float[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            flat[2 * i] = list.get(i)[0];
            flat[2 * i + 1] = list.get(i)[1];
        }
        return flat;
    }

    /** Faces in a BGR 8-bit image, after weighted NMS. */
    List<Detection> detect(Mat bgr) {
        return WeightedNms.apply(detectRaw(bgr), NMS_IOU);
    }

    /** Thresholded anchor decodings before NMS (callers merging several passes run NMS once over all). */
    List<Detection> detectRaw(Mat bgr) {
        int size = variant.inputSize;
        Mat resized = new Mat();
        Mat letterbox = new Mat();
        Mat blob = null;
        List<Mat> outputs = new ArrayList<>(2);
        Net net = borrow();
        try {
            float scale = downscale(bgr, size, resized);
            int rw = resized.cols();
            int rh = resized.rows();
            int padX = (size - rw) / 2;
            int padY = (size - rh) / 2;
            Core.copyMakeBorder(
                    resized,
                    letterbox,
                    padY,
                    size - rh - padY,
                    padX,
                    size - rw - padX,
                    Core.BORDER_CONSTANT,
                    new Scalar(0, 0, 0));
            blob = Dnn.blobFromImage(
                    letterbox, 1 / 127.5, new Size(size, size), new Scalar(127.5, 127.5, 127.5), true, false);
            net.setInput(blob);
            net.forward(outputs, outputNames);
            float[] scores = floats(outputs.get(0));
            float[] boxes = floats(outputs.get(1));
            return decode(scores, boxes, scale, padX, padY);
        } finally {
            pool.push(net);
            resized.release();
            letterbox.release();
            if (blob != null) {
                blob.release();
            }
            outputs.forEach(Mat::release);
        }
    }

    /**
     * Shrinks the image so its longer side is {@code size}; returns the scale factor. Plain bilinear skips pixels
     * at large ratios and the aliasing costs detections (a face at 0.49 instead of 0.61 in sample2), while
     * INTER_AREA at a fractional ratio is slow; so: INTER_AREA by the integer part of the ratio (its fast path,
     * after dropping the < k pixel remainder at the right and bottom), then bilinear for the rest.
     */
    static float downscale(Mat bgr, int size, Mat dst) {
        int w = bgr.cols();
        int h = bgr.rows();
        int k = Math.max(w, h) / size;
        Mat src = bgr;
        Mat area = null;
        if (k >= 2) {
            w -= w % k;
            h -= h % k;
            Mat view = bgr.submat(0, h, 0, w);
            area = new Mat();
            Imgproc.resize(view, area, new Size(w / k, h / k), 0, 0, Imgproc.INTER_AREA);
            view.release();
            src = area;
        }
        float scale = (float) size / Math.max(w, h);
        int rw = Math.max(1, Math.min(size, Math.round(w * scale)));
        int rh = Math.max(1, Math.min(size, Math.round(h * scale)));
        Imgproc.resize(src, dst, new Size(rw, rh), 0, 0, Imgproc.INTER_LINEAR);
        if (area != null) {
            area.release();
        }
        return scale;
    }

    private Net borrow() {
        Net net = pool.poll();
        return net != null ? net : newNet();
    }

    private static float[] floats(Mat out) {
        Mat flat = out.reshape(1, 1);
        float[] values = new float[(int) out.total()];
        flat.get(0, 0, values);
        flat.release();
        return values;
    }

    private List<Detection> decode(float[] scores, float[] regs, float scale, int padX, int padY) {
        int n = anchorCount();
        if (scores.length != n || regs.length != n * 16) {
            throw new IllegalStateException(variant + ": unexpected output sizes " + scores.length + "/" + regs.length);
        }
        float size = variant.inputSize;
        List<Detection> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float logit = Math.max(-100f, Math.min(100f, scores[i]));
            float score = (float) (1.0 / (1.0 + Math.exp(-logit)));
            if (score < minScore) {
                continue;
            }
            int r = i * 16;
            float ax = anchors[2 * i];
            float ay = anchors[2 * i + 1];
            float cx = regs[r] / size + ax;
            float cy = regs[r + 1] / size + ay;
            float bw = regs[r + 2] / size;
            float bh = regs[r + 3] / size;
            float x0 = toImage(cx - bw / 2, padX, scale);
            float y0 = toImage(cy - bh / 2, padY, scale);
            float x1 = toImage(cx + bw / 2, padX, scale);
            float y1 = toImage(cy + bh / 2, padY, scale);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            Point2[] keypoints = new Point2[KEYPOINTS];
            for (int k = 0; k < KEYPOINTS; k++) {
                float kx = regs[r + 4 + 2 * k] / size + ax;
                float ky = regs[r + 5 + 2 * k] / size + ay;
                keypoints[k] = new Point2(toImage(kx, padX, scale), toImage(ky, padY, scale));
            }
            result.add(new Detection(new Box(x0, y0, x1 - x0, y1 - y0), score, keypoints));
        }
        return result;
    }

    private float toImage(float normalised, int pad, float scale) {
        return (normalised * variant.inputSize - pad) / scale;
    }
}
