package io.storesight.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Models;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.FacePipeline;
import io.storesight.face.engine.Precision;

/**
 * Faces of the sample photos (models/samples/sample1..6.jpg) through the real engine, computed once per test JVM.
 * Each person also has the descriptors of the same face in a mirrored and in a downscaled copy of the photo: real
 * variation between frames of one person, as a camera would see it.
 */
public final class RealFaces {

    /** One person of the samples: the face as detected, and descriptors of other views of it. */
    public record Person(
            String photo,
            int index,
            FaceObservationEvent.Face face,
            List<float[]> views,
            int imageWidth,
            int imageHeight) {

        /** The face as in frame {@code k}: the descriptor of view k (cycling through the views). */
        public FaceObservationEvent.Face view(int k) {
            return new FaceObservationEvent.Face(
                    face.box(),
                    face.score(),
                    face.keypoints(),
                    face.quality(),
                    views.get(Math.floorMod(k, views.size())).clone(),
                    face.age(),
                    face.ageBand(),
                    face.gender(),
                    face.genderConfidence());
        }

        public float quality() {
            return face.quality().score();
        }
    }

    private static List<Person> people;
    private static FacePipeline pipeline;

    /**
     * The engine as face-inference runs it by default (int8 networks), so identity is tested on the descriptors it
     * receives in production; {@code -Dstoresight.test.precision=FP32} compares with the reference arithmetic.
     */
    public static synchronized FacePipeline pipeline() {
        if (pipeline == null) {
            Precision precision = Precision.valueOf(System.getProperty("storesight.test.precision", "INT8"));
            pipeline = FacePipeline.create(EngineConfig.defaults().withPrecision(precision));
        }
        return pipeline;
    }

    public static Path samples() {
        return Models.locate().resolve("samples");
    }

    public static byte[] photo(String name) {
        try {
            return Files.readAllBytes(samples().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct people whose faces are clear enough to be tracked (quality well above the default threshold). */
    public static List<Person> clear() {
        return all().stream()
                .filter(p -> p.quality() >= 0.2f && p.views().size() >= 2)
                .toList();
    }

    /** Every face of every sample photo, ordered by photo then left to right. */
    public static synchronized List<Person> all() {
        if (people == null) {
            List<Person> out = new ArrayList<>();
            for (int s = 1; s <= 6; s++) {
                String name = "sample" + s + ".jpg";
                byte[] bytes = photo(name);
                FaceAnalysis original = pipeline().analyze(bytes);
                Mat image = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
                Mat mirrored = new Mat();
                Core.flip(image, mirrored, 1);
                Mat small = new Mat();
                Imgproc.resize(
                        image, small, new Size(image.cols() * 0.75, image.rows() * 0.75), 0, 0, Imgproc.INTER_AREA);
                FaceAnalysis flipped = pipeline().analyze(mirrored);
                FaceAnalysis scaled = pipeline().analyze(small);
                image.release();
                mirrored.release();
                small.release();
                List<DetectedFace> faces = original.faces().stream()
                        .sorted(Comparator.comparingDouble(f -> f.box().x()))
                        .toList();
                for (int i = 0; i < faces.size(); i++) {
                    DetectedFace f = faces.get(i);
                    List<float[]> views = new ArrayList<>();
                    views.add(f.descriptor());
                    io.storesight.face.engine.Box mirrorBox = new io.storesight.face.engine.Box(
                            original.width() - f.box().x() - f.box().width(),
                            f.box().y(),
                            f.box().width(),
                            f.box().height());
                    io.storesight.face.engine.Box smallBox = new io.storesight.face.engine.Box(
                            f.box().x() * 0.75f,
                            f.box().y() * 0.75f,
                            f.box().width() * 0.75f,
                            f.box().height() * 0.75f);
                    best(flipped, mirrorBox).ifPresent(views::add);
                    best(scaled, smallBox).ifPresent(views::add);
                    out.add(new Person(name, i, toEvent(f), List.copyOf(views), original.width(), original.height()));
                }
            }
            people = List.copyOf(out);
        }
        return people;
    }

    private static java.util.Optional<float[]> best(FaceAnalysis analysis, io.storesight.face.engine.Box box) {
        return analysis.faces().stream()
                .filter(f -> f.box().iou(box) > 0.4)
                .max(Comparator.comparingDouble(f -> f.box().iou(box)))
                .map(DetectedFace::descriptor);
    }

    static FaceObservationEvent.Face toEvent(DetectedFace f) {
        return new FaceObservationEvent.Face(
                new FaceObservationEvent.Box(
                        f.box().x(), f.box().y(), f.box().width(), f.box().height()),
                f.score(),
                f.keypoints().stream()
                        .map(p -> new FaceObservationEvent.Point(p.x(), p.y()))
                        .toList(),
                new FaceObservationEvent.Quality(
                        f.quality().score(),
                        f.quality().faceSize(),
                        f.quality().sharpness(),
                        f.quality().yaw(),
                        f.quality().roll()),
                f.descriptor(),
                f.age(),
                f.ageBand(),
                FaceObservationEvent.Gender.valueOf(f.gender().name()),
                f.genderConfidence());
    }

    private RealFaces() {}
}
