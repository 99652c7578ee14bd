package io.storesight.face.engine;

public final class FaceDistance {

    private FaceDistance() {}

    public static float euclidean(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("descriptor lengths differ: " + a.length + " vs " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return (float) Math.sqrt(sum);
    }
}
