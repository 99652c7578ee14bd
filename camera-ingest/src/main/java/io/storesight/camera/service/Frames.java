package io.storesight.camera.service;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Image steps of the pipeline: fit into the long side, JPEG encode. */
public final class Frames {
    private static volatile boolean loaded;

    /** Loads OpenCV's natives once per JVM (the openpnp jar unpacks them to a temp dir). */
    public static void loadOpenCv() {
        if (!loaded) {
            synchronized (Frames.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }

    /** A frame no longer than {@code maxLongSide}; returns the input itself when it already fits (never upscales). */
    public static Mat fitLongSide(Mat image, int maxLongSide) {
        int longSide = Math.max(image.cols(), image.rows());
        if (longSide <= maxLongSide) {
            return image;
        }
        double scale = maxLongSide / (double) longSide;
        Mat resized = new Mat();
        Imgproc.resize(
                image,
                resized,
                new Size(Math.round(image.cols() * scale), Math.round(image.rows() * scale)),
                0,
                0,
                Imgproc.INTER_AREA);
        return resized;
    }

    public static byte[] jpeg(Mat image, int quality) {
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", image, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    private Frames() {}
}
