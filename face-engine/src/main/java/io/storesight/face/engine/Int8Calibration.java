package io.storesight.face.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.opencv.core.Mat;
import org.opencv.core.Rect;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

/**
 * What an {@link Precision#INT8} pipeline quantises each convolution input to: the range that input takes in the
 * fp32 networks on the faces of the sample photos that {@code models/fetch} installs with the models (six group
 * photos). Measured at load, so the ranges always belong to the weights in use; the photos are not the
 * calibration set recognition is judged on.
 */
final class Int8Calibration {

    static final String PHOTOS = "samples";

    /** One set of ranges per network; null for a network that stays fp32. */
    record Ranges(ActivationRanges landmarks, ActivationRanges descriptor, ActivationRanges ageGender) {}

    private Int8Calibration() {}

    /**
     * Runs the fp32 pipeline of {@code config} over the sample photos and measures the inputs of the networks that
     * {@code config.precision()} runs in int8.
     */
    static Ranges measure(EngineConfig config) {
        Precision precision = config.precision();
        List<Path> photos = photos(config.modelDir().resolve(PHOTOS));
        Path faceApi = config.modelDir().resolve("face-api");
        List<Mat> images = new ArrayList<>();
        List<Mat> landmarkCrops = new ArrayList<>();
        List<Mat> descriptorCrops = new ArrayList<>();
        List<Mat> ageGenderCrops = new ArrayList<>();
        try (FacePipeline fp32 = FacePipeline.create(config.withPrecision(Precision.FP32));
                NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (Path photo : photos) {
                Mat image = ImageDecoder.decode(Files.readAllBytes(photo), config.maxPixels());
                images.add(image);
                for (DetectedFace face : fp32.analyze(image).faces()) {
                    Rect landmarks = Alignment.landmarkCrop(face.box(), image.cols(), image.rows());
                    landmarkCrops.add(image.submat(landmarks));
                    descriptorCrops.add(image.submat(FacePipeline.alignedOr(
                            Alignment.descriptorCrop(face.landmarks(), image.cols(), image.rows()), landmarks, image)));
                    ageGenderCrops.add(image.submat(FacePipeline.alignedOr(
                            Alignment.ageGenderCrop(face.landmarks(), image.cols(), image.rows()), landmarks, image)));
                }
            }
            if (landmarkCrops.isEmpty()) {
                throw new IllegalStateException("no face found in the int8 calibration photos " + photos);
            }
            return new Ranges(
                    precision.landmarks() == Precision.Type.INT8
                            ? measure(
                                    manager,
                                    Landmark68Net.NAME,
                                    Landmark68Net.INPUT,
                                    landmarkCrops,
                                    g -> Landmark68Net.layers(g, manager, faceApi),
                                    config.batchSize())
                            : null,
                    precision.descriptor() == Precision.Type.INT8
                            ? measure(
                                    manager,
                                    FaceRecognitionNet.NAME,
                                    FaceRecognitionNet.INPUT,
                                    descriptorCrops,
                                    g -> FaceRecognitionNet.layers(g, manager, faceApi),
                                    config.batchSize())
                            : null,
                    precision.ageGender() == Precision.Type.INT8
                            ? measure(
                                    manager,
                                    AgeGenderNet.NAME,
                                    AgeGenderNet.INPUT,
                                    ageGenderCrops,
                                    g -> AgeGenderNet.layers(g, manager, faceApi),
                                    config.batchSize())
                            : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Stream.of(landmarkCrops, descriptorCrops, ageGenderCrops, images)
                    .flatMap(List::stream)
                    .forEach(Mat::release);
        }
    }

    /** The ranges of every convolution input of one network over these crops. */
    static ActivationRanges measure(
            NDManager manager,
            String name,
            int inputSize,
            List<Mat> crops,
            Function<ScriptGraph, ScriptGraph.Value> layers,
            int batchSize) {
        ScriptGraph g = ScriptGraph.observing(name);
        ActivationRanges ranges = null;
        try (ScriptModule observer = g.build(manager, layers.apply(g))) {
            for (int from = 0; from < crops.size(); from += batchSize) {
                try (NDManager scope = manager.newSubManager()) {
                    List<Mat> chunk = crops.subList(from, Math.min(crops.size(), from + batchSize));
                    ActivationRanges measured =
                            ActivationRanges.of(observer.forward(scope, NetInput.batch(scope, chunk, inputSize))
                                    .toFloatArray());
                    ranges = ranges == null ? measured : ranges.span(measured);
                }
            }
        }
        return ranges;
    }

    private static List<Path> photos(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> photos = files.filter(
                            p -> p.getFileName().toString().toLowerCase().endsWith(".jpg"))
                    .sorted()
                    .toList();
            if (photos.isEmpty()) {
                throw new IllegalStateException(
                        "int8 precision calibrates on the photos in " + dir + ", which has none: run models/fetch");
            }
            return photos;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "int8 precision calibrates on the photos in " + dir + ", which cannot be read (" + e.getMessage()
                            + "): run models/fetch",
                    e);
        }
    }
}
