package io.storesight.face.engine;

import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Size, sharpness and pose of a face, and an overall 0..1 score (the product of one factor per aspect), so that
 * identity matching can skip faces whose descriptors are unreliable.
 */
final class QualityEstimator {

    /** Faces with a smaller side than this many pixels get proportionally lower size scores. */
    static final float FULL_SIZE_PX = 80f;
    /** Laplacian variance (150×150 aligned grey crop) at which sharpness scores 1. */
    static final float FULL_SHARPNESS = 150f;

    static final float MAX_YAW_DEG = 60f;
    static final float MAX_ROLL_DEG = 45f;
    private static final int SHARPNESS_SIDE = 150;

    private QualityEstimator() {}

    static Quality estimate(Box box, List<Point2> landmarks, Mat alignedBgrCrop) {
        float faceSize = Math.min(box.width(), box.height());
        float sharpness = laplacianVariance(alignedBgrCrop);
        float roll = roll(landmarks);
        float yaw = yaw(landmarks, roll);
        float sizeFactor = clamp(faceSize / FULL_SIZE_PX);
        float sharpFactor = clamp(sharpness / FULL_SHARPNESS);
        float poseFactor = clamp(1f - Math.abs(yaw) / MAX_YAW_DEG) * clamp(1f - Math.abs(roll) / MAX_ROLL_DEG);
        return new Quality(sizeFactor * sharpFactor * poseFactor, faceSize, sharpness, yaw, roll);
    }

    /** Variance of the Laplacian on the crop scaled to a fixed size, so that values compare across face sizes. */
    static float laplacianVariance(Mat bgrCrop) {
        Mat grey = new Mat();
        Mat scaled = new Mat();
        Mat laplacian = new Mat();
        MatOfDouble mean = new MatOfDouble();
        MatOfDouble std = new MatOfDouble();
        try {
            Imgproc.cvtColor(bgrCrop, grey, Imgproc.COLOR_BGR2GRAY);
            Imgproc.resize(grey, scaled, new Size(SHARPNESS_SIDE, SHARPNESS_SIDE), 0, 0, Imgproc.INTER_LINEAR);
            Imgproc.Laplacian(scaled, laplacian, CvType.CV_64F);
            Core.meanStdDev(laplacian, mean, std);
            double s = std.toArray()[0];
            return (float) (s * s);
        } finally {
            grey.release();
            scaled.release();
            laplacian.release();
            mean.release();
            std.release();
        }
    }

    /** Angle of the line from the subject's right eye (image left) to the left eye, in degrees. */
    static float roll(List<Point2> landmarks) {
        Point2 right = Alignment.centre(landmarks, 36, 42);
        Point2 left = Alignment.centre(landmarks, 42, 48);
        return (float) Math.toDegrees(Math.atan2(left.y() - right.y(), left.x() - right.x()));
    }

    /**
     * Yaw from where the nose tip sits between the jaw's outermost points (0 and 16), measured along the
     * roll-corrected eye axis: centred = 0°, at one edge = ±90°.
     */
    static float yaw(List<Point2> landmarks, float rollDeg) {
        double c = Math.cos(Math.toRadians(rollDeg));
        double s = Math.sin(Math.toRadians(rollDeg));
        double a = project(landmarks.get(0), c, s);
        double b = project(landmarks.get(16), c, s);
        double nose = project(landmarks.get(30), c, s);
        double span = b - a;
        if (Math.abs(span) < 1e-3) {
            return 0f;
        }
        double t = (nose - a) / span; // 0.5 when frontal
        return (float) Math.toDegrees(Math.asin(Math.max(-1.0, Math.min(1.0, 2.0 * t - 1.0))));
    }

    private static double project(Point2 p, double c, double s) {
        return p.x() * c + p.y() * s;
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
