package io.storesight.face.engine;

/** Loads OpenCV's native library once per JVM. */
final class OpenCvNatives {

    private static volatile boolean loaded;

    private OpenCvNatives() {}

    static void load() {
        if (!loaded) {
            synchronized (OpenCvNatives.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
