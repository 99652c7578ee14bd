package io.storesight.face.engine;

import java.util.Arrays;

/**
 * The value range each convolution of a network sees at its input, in graph order: what an {@link Precision#INT8}
 * network quantises those inputs to. Measured by running the fp32 network on real face crops.
 */
record ActivationRanges(float[] low, float[] high) {

    ActivationRanges {
        if (low.length != high.length) {
            throw new IllegalArgumentException(low.length + " lows for " + high.length + " highs");
        }
        low = low.clone();
        high = high.clone();
    }

    /** From an observer's output: one (min, max) row per convolution input. */
    static ActivationRanges of(float[] minMaxRows) {
        int n = minMaxRows.length / 2;
        float[] low = new float[n];
        float[] high = new float[n];
        for (int i = 0; i < n; i++) {
            low[i] = minMaxRows[2 * i];
            high[i] = minMaxRows[2 * i + 1];
        }
        return new ActivationRanges(low, high);
    }

    /** The union of both: ranges measured over more crops. */
    ActivationRanges span(ActivationRanges other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("ranges of " + size() + " and " + other.size() + " convolutions");
        }
        float[] lo = new float[size()];
        float[] hi = new float[size()];
        for (int i = 0; i < size(); i++) {
            lo[i] = Math.min(low[i], other.low[i]);
            hi[i] = Math.max(high[i], other.high[i]);
        }
        return new ActivationRanges(lo, hi);
    }

    int size() {
        return low.length;
    }

    /**
     * uint8 scale and zero point for input {@code i}: the range widened to hold 0, so that zero (padding, ReLU
     * floors) is exactly representable.
     */
    Affine affine(int i) {
        if (i >= size()) {
            throw new IllegalStateException("no calibrated range for convolution " + i + " (" + size() + " measured)");
        }
        double lo = Math.min(low[i], 0);
        double hi = Math.max(high[i], 0);
        double scale = hi > lo ? (hi - lo) / 255 : 1;
        long zeroPoint = Math.max(0, Math.min(255, Math.round(-lo / scale)));
        return new Affine(scale, zeroPoint);
    }

    /** real = scale × (q − zeroPoint). */
    record Affine(double scale, long zeroPoint) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationRanges r && Arrays.equals(low, r.low) && Arrays.equals(high, r.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "ActivationRanges" + Arrays.toString(low) + Arrays.toString(high);
    }
}
