package io.storesight.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.contracts.FaceObservationEvent;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.testsupport.Calibration;

/**
 * The calibration set (different photos of the same people, taken on different days) through the real engine,
 * computed once per test JVM: the largest face of each photo as the photo is, and as a small 150 px face crop of
 * it, re-encoded as JPEG, the way a distant camera sees a face.
 */
public final class CalibrationFaces {
    /** Side of the small crops: about what an entrance camera gets of a face a few metres away. */
    public static final int SMALL = 150;

    /** How a photo was shown to the engine. */
    public enum Condition {
        PHOTO,
        SMALL_CROP
    }

    /** The face of one calibration photo under one condition. */
    public record Face(
            String file,
            String identity,
            Condition condition,
            FaceObservationEvent.Face face,
            int imageWidth,
            int imageHeight) {

        public float[] descriptor() {
            return face.descriptor();
        }

        public float quality() {
            return face.quality().score();
        }
    }

    private static Map<Condition, List<Face>> faces;

    /** Every photo's face under {@code condition}, in {@link Calibration#photos()} order (a photo whose face is not
     * found is missing). */
    public static List<Face> of(Condition condition) {
        return all().get(condition);
    }

    /** Faces per person under {@code condition}. */
    public static Map<String, List<Face>> byIdentity(Condition condition) {
        Map<String, List<Face>> out = new LinkedHashMap<>();
        for (Face f : of(condition)) {
            out.computeIfAbsent(f.identity(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    private static synchronized Map<Condition, List<Face>> all() {
        if (faces == null) {
            Map<Condition, List<Face>> out = new LinkedHashMap<>();
            List<Face> photos = new ArrayList<>();
            List<Face> small = new ArrayList<>();
            for (Calibration.Photo photo : Calibration.photos()) {
                byte[] bytes = photo.bytes();
                FaceAnalysis analysis = RealFaces.pipeline().analyze(bytes);
                Optional<DetectedFace> largest = largest(analysis);
                if (largest.isEmpty()) {
                    continue;
                }
                photos.add(new Face(
                        photo.file(),
                        photo.identity(),
                        Condition.PHOTO,
                        RealFaces.toEvent(largest.get()),
                        analysis.width(),
                        analysis.height()));
                byte[] crop = smallCrop(bytes, largest.get().box());
                largest(RealFaces.pipeline().analyze(crop))
                        .ifPresent(f -> small.add(new Face(
                                photo.file(),
                                photo.identity(),
                                Condition.SMALL_CROP,
                                RealFaces.toEvent(f),
                                SMALL,
                                SMALL)));
            }
            out.put(Condition.PHOTO, List.copyOf(photos));
            out.put(Condition.SMALL_CROP, List.copyOf(small));
            faces = out;
        }
        return faces;
    }

    private static Optional<DetectedFace> largest(FaceAnalysis analysis) {
        return analysis.faces().stream()
                .max(Comparator.comparingDouble(
                        f -> f.box().width() * (double) f.box().height()));
    }

    /** A square around the face (1.8× its larger side), scaled to {@value #SMALL} px and saved as JPEG quality 85. */
    private static byte[] smallCrop(byte[] photo, io.storesight.face.engine.Box box) {
        Mat image = Imgcodecs.imdecode(new MatOfByte(photo), Imgcodecs.IMREAD_COLOR);
        try {
            double side = Math.min(Math.max(box.width(), box.height()) * 1.8, Math.min(image.cols(), image.rows()));
            double cx = box.x() + box.width() / 2.0;
            double cy = box.y() + box.height() / 2.0;
            int x = (int) Math.round(Math.max(0, Math.min(image.cols() - side, cx - side / 2)));
            int y = (int) Math.round(Math.max(0, Math.min(image.rows() - side, cy - side / 2)));
            Mat crop = new Mat(image, new Rect(x, y, (int) side, (int) side));
            Mat scaled = new Mat();
            Imgproc.resize(crop, scaled, new Size(SMALL, SMALL), 0, 0, Imgproc.INTER_AREA);
            MatOfByte jpeg = new MatOfByte();
            Imgcodecs.imencode(".jpg", scaled, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85));
            byte[] out = jpeg.toArray();
            crop.release();
            scaled.release();
            jpeg.release();
            return out;
        } finally {
            image.release();
        }
    }

    private CalibrationFaces() {}
}
