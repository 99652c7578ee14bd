package io.storesight.identity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 128-d face descriptor: Euclidean distance (docs/face-models.md) and its byte form in SQLite. */
public final class Descriptors {
    public static final int DIM = 128;

    public static float distance(float[] a, float[] b) {
        return (float) Math.sqrt(squaredDistance(a, 0, b));
    }

    /** Squared distance between {@code q} and the descriptor stored at {@code offset} of {@code data}. */
    static float squaredDistance(float[] data, int offset, float[] q) {
        // Four independent sums let the CPU overlap the adds instead of waiting on one dependency chain.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < DIM; i += 4) {
            float d0 = data[offset + i] - q[i];
            float d1 = data[offset + i + 1] - q[i + 1];
            float d2 = data[offset + i + 2] - q[i + 2];
            float d3 = data[offset + i + 3] - q[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        return (s0 + s1) + (s2 + s3);
    }

    public static void requireValid(float[] descriptor) {
        if (descriptor == null || descriptor.length != DIM) {
            throw new IllegalArgumentException("a face descriptor has " + DIM + " values, got "
                    + (descriptor == null ? "none" : descriptor.length));
        }
        for (float v : descriptor) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a face descriptor holds a non-finite value");
            }
        }
    }

    public static byte[] toBytes(float[] descriptor) {
        ByteBuffer buffer = ByteBuffer.allocate(DIM * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : descriptor) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        if (bytes.length != DIM * Float.BYTES) {
            throw new IllegalStateException("stored descriptor has " + bytes.length + " bytes");
        }
        float[] out = new float[DIM];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private Descriptors() {}
}
