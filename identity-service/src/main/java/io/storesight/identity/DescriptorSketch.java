package io.storesight.identity;

import java.util.Random;

/**
 * A 512-bit sketch of a descriptor, for ranking a large gallery cheaply before exact distances are computed: the
 * signs of 512 random projections of the descriptor's offset from a centre, and the length of that offset. Two
 * sketches estimate the squared distance of their descriptors from the angle between the offsets (the fraction of
 * differing bits, times π) and the two lengths. Face descriptors share a large common component (a real one is about
 * 1.5 long and lies about 0.6 from the mean of many), so the offset from the gallery's mean, not the descriptor
 * itself, is what the signs must describe.
 */
final class DescriptorSketch {
    static final int BITS = 512;
    static final int WORDS = BITS / Long.SIZE;
    /** Fixed, so that a gallery sketches the same way in every run (results do not depend on a random draw). */
    private static final long SEED = 0x5EEDL;

    private final float[] centre;
    /**
     * One row of 512 weights per dimension, so encoding is one multiply-add across all bits per dimension, which
     * HotSpot vectorises (with one flat array and an offset per row it does not: 4× slower).
     */
    private final float[][] projection = new float[Descriptors.DIM][BITS];

    DescriptorSketch(float[] centre) {
        this.centre = centre.clone();
        Random random = new Random(SEED);
        for (float[] row : projection) {
            for (int b = 0; b < BITS; b++) {
                row[b] = (float) random.nextGaussian();
            }
        }
    }

    /** Writes the descriptor's {@value #WORDS} code words at {@code offset} of {@code codes}; returns its offset's length. */
    float encode(float[] descriptor, long[] codes, int offset) {
        float[] acc = new float[BITS];
        float norm = 0;
        for (int d = 0; d < Descriptors.DIM; d++) {
            float v = descriptor[d] - centre[d];
            norm += v * v;
            float[] row = projection[d];
            for (int b = 0; b < BITS; b++) {
                acc[b] += row[b] * v;
            }
        }
        for (int w = 0; w < WORDS; w++) {
            long word = 0;
            for (int b = 0; b < Long.SIZE; b++) {
                // The sign bit of −acc: 1 where the projection is positive (branch-free: the signs are coin flips).
                word |= (long) (Float.floatToRawIntBits(-acc[w * Long.SIZE + b]) >>> 31) << b;
            }
            codes[offset + w] = word;
        }
        return (float) Math.sqrt(norm);
    }

    /**
     * A query's side of the estimate: its code, and {@code 2·|q|·cos(π·h/BITS)} for every Hamming distance h, so that
     * a template of offset length n is estimated at {@code n·(n − table[h]) + |q|²}.
     */
    Query query(float[] descriptor) {
        long[] code = new long[WORDS];
        float norm = encode(descriptor, code, 0);
        float[] table = new float[BITS + 1];
        for (int h = 0; h <= BITS; h++) {
            table[h] = (float) (2 * norm * Math.cos(Math.PI * h / BITS));
        }
        return new Query(code, table, norm * norm, norm);
    }

    record Query(long[] code, float[] table, float squaredNorm, float norm) {}
}
