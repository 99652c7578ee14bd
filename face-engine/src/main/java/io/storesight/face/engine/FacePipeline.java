package io.storesight.face.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

import io.storesight.contracts.AgeBands;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Detection → 68 landmarks → aligned crops → descriptor, age/gender and quality, for one image or many.
 * Models are loaded once; calls from many threads are safe. Every network call runs in its own NDManager scope
 * and every Mat is released before a call returns, so native memory does not grow with the number of calls.
 */
public final class FacePipeline implements AutoCloseable {

    private final EngineConfig config;
    private final NDManager manager;
    private final FaceDetector detector;
    private final Landmark68Net landmarkNet;
    private final FaceRecognitionNet recognitionNet;
    private final AgeGenderNet ageGenderNet;
    /** Calls hold the read lock; close() takes the write lock so it never frees weights under a running call. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private boolean closed;

    private FacePipeline(EngineConfig config, NDManager manager, Int8Calibration.Ranges int8) {
        this.config = config;
        this.manager = manager;
        this.detector = new FaceDetector(config.modelDir(), config.detector(), config.tiling());
        java.nio.file.Path faceApi = config.modelDir().resolve("face-api");
        Precision precision = config.precision();
        this.landmarkNet = new Landmark68Net(
                manager, faceApi, arithmetic(precision.landmarks(), int8, Int8Calibration.Ranges::landmarks));
        this.recognitionNet = new FaceRecognitionNet(
                manager, faceApi, arithmetic(precision.descriptor(), int8, Int8Calibration.Ranges::descriptor));
        this.ageGenderNet = new AgeGenderNet(
                manager, faceApi, arithmetic(precision.ageGender(), int8, Int8Calibration.Ranges::ageGender));
    }

    /** What a network of this number type computes with; int8 with the ranges measured for it. */
    static ScriptGraph.Arithmetic arithmetic(
            Precision.Type type,
            Int8Calibration.Ranges int8,
            Function<Int8Calibration.Ranges, ActivationRanges> ranges) {
        return switch (type) {
            case FP32 -> ScriptGraph.Arithmetic.FP32;
            case BF16 -> ScriptGraph.Arithmetic.BF16;
            case INT8 -> ScriptGraph.Arithmetic.int8(ranges.apply(int8));
        };
    }

    /**
     * Refuses a precision this CPU cannot run natively, saying what to choose instead: without native bf16, oneDNN
     * emulates it (slower than fp32) or fails at the first call.
     */
    static void requireSupported(Precision precision, CpuInfo cpu) {
        if (precision.uses(Precision.Type.BF16) && cpu.known() && !cpu.nativeBf16()) {
            throw new IllegalStateException("precision " + precision + " needs a CPU with native bf16 (avx512_bf16 or"
                    + " amx_bf16 in /proc/cpuinfo); this " + cpu.model() + " has neither: use INT8 or FP32");
        }
    }

    public static FacePipeline create(EngineConfig config) {
        OpenCvNatives.load();
        // the PyTorch natives come from the classpath jars; a store server may be offline
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        NativeHeap.keepFreedMemory();
        requireSupported(config.precision(), CpuInfo.read());
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        JniUtils.setNumThreads(config.nativeThreads());
        Core.setNumThreads(config.nativeThreads());
        try {
            Int8Calibration.Ranges int8 =
                    config.precision().uses(Precision.Type.INT8) ? Int8Calibration.measure(config) : null;
            FacePipeline pipeline = new FacePipeline(config, manager, int8);
            NativeHeap.releaseFreedMemory();
            return pipeline;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public EngineConfig config() {
        return config;
    }

    /** Analyses JPEG or PNG bytes; throws {@link InvalidImageException} saying what is wrong with them. */
    public FaceAnalysis analyze(byte[] encodedImage) {
        return analyzeBatch(List.of(encodedImage == null ? new byte[0] : encodedImage))
                .get(0);
    }

    /**
     * As {@link #analyze(byte[])}, refusing images above {@code maxPixels} (when lower than the pipeline's own
     * {@link EngineConfig#maxPixels()}) from their header, with an {@link ImageTooLargeException}.
     */
    public FaceAnalysis analyze(byte[] encodedImage, long maxPixels) {
        long start = System.nanoTime();
        Mat image = ImageDecoder.decode(
                encodedImage == null ? new byte[0] : encodedImage, Math.min(maxPixels, config.maxPixels()));
        try {
            return run(List.of(image), new double[] {millis(start)}).get(0);
        } finally {
            image.release();
        }
    }

    /** Analyses an image already in memory (BGR; grey, BGRA and 16-bit are converted). */
    public FaceAnalysis analyze(Mat bgrImage) {
        if (bgrImage == null || bgrImage.empty()) {
            throw new InvalidImageException("empty image: the Mat has no pixels");
        }
        Mat bgr = ImageDecoder.toBgr8(bgrImage);
        try {
            return run(List.of(bgr), new double[1]).get(0);
        } finally {
            if (bgr != bgrImage) {
                bgr.release();
            }
        }
    }

    /**
     * Analyses many images, sending the face crops of all of them through each network in batches of
     * {@link EngineConfig#batchSize()}. Results are in input order. One undecodable image fails the whole call
     * with an {@link InvalidImageException} naming its index.
     */
    public List<FaceAnalysis> analyzeBatch(List<byte[]> encodedImages) {
        List<Mat> images = new ArrayList<>(encodedImages.size());
        double[] decodeMs = new double[encodedImages.size()];
        try {
            for (int i = 0; i < encodedImages.size(); i++) {
                long start = System.nanoTime();
                byte[] bytes = encodedImages.get(i);
                try {
                    images.add(ImageDecoder.decode(bytes == null ? new byte[0] : bytes, config.maxPixels()));
                } catch (InvalidImageException e) {
                    if (encodedImages.size() == 1) {
                        throw e;
                    }
                    throw new InvalidImageException(
                            "image " + i + " of " + encodedImages.size() + ": " + e.getMessage(), e);
                }
                decodeMs[i] = millis(start);
            }
            return run(images, decodeMs);
        } finally {
            images.forEach(Mat::release);
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                landmarkNet.close();
                recognitionNet.close();
                ageGenderNet.close();
                manager.close();
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Per-face working state between the stages. */
    private static final class Job {
        final int image;
        final BlazeFace.Detection detection;
        final Rect landmarkRect;
        List<Point2> landmarks;
        Rect descriptorRect;
        Rect ageGenderRect;
        float[] descriptor;
        AgeGenderNet.Estimate estimate;
        Quality quality;

        Job(int image, BlazeFace.Detection detection, Rect landmarkRect) {
            this.image = image;
            this.detection = detection;
            this.landmarkRect = landmarkRect;
        }
    }

    private List<FaceAnalysis> run(List<Mat> images, double[] decodeMs) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("FacePipeline is closed");
            }
            for (Mat image : images) {
                if (image.type() != CvType.CV_8UC3) {
                    throw new IllegalArgumentException("internal: expected 8-bit BGR, got " + image.type());
                }
            }
            int n = images.size();
            double[] detectMs = new double[n];
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                Mat image = images.get(i);
                List<BlazeFace.Detection> found = new ArrayList<>(detector.detect(image));
                found.sort(
                        Comparator.comparingDouble(BlazeFace.Detection::score).reversed());
                for (BlazeFace.Detection d : found.subList(0, Math.min(found.size(), config.maxFaces()))) {
                    Rect r = Alignment.landmarkCrop(d.box(), image.cols(), image.rows());
                    if (Alignment.usable(r, image.cols(), image.rows())) {
                        jobs.add(new Job(i, d, r));
                    }
                }
                detectMs[i] = millis(start);
            }

            long start = System.nanoTime();
            List<Point2[]> landmarks = batched(images, jobs, j -> j.landmarkRect, landmarkNet::run);
            for (int k = 0; k < jobs.size(); k++) {
                Job job = jobs.get(k);
                List<Point2> shifted = new ArrayList<>(68);
                for (Point2 p : landmarks.get(k)) {
                    shifted.add(new Point2(p.x() + job.landmarkRect.x, p.y() + job.landmarkRect.y));
                }
                job.landmarks = shifted;
                Mat image = images.get(job.image);
                job.descriptorRect = alignedOr(
                        Alignment.descriptorCrop(shifted, image.cols(), image.rows()), job.landmarkRect, image);
                job.ageGenderRect = alignedOr(
                        Alignment.ageGenderCrop(shifted, image.cols(), image.rows()), job.landmarkRect, image);
            }
            double landmarksMs = millis(start);

            start = System.nanoTime();
            List<float[]> descriptors = batched(images, jobs, j -> j.descriptorRect, recognitionNet::run);
            for (int k = 0; k < jobs.size(); k++) {
                Job job = jobs.get(k);
                job.descriptor = descriptors.get(k);
                Mat crop = images.get(job.image).submat(job.descriptorRect);
                try {
                    job.quality = QualityEstimator.estimate(job.detection.box(), job.landmarks, crop);
                } finally {
                    crop.release();
                }
            }
            double descriptorMs = millis(start);

            start = System.nanoTime();
            List<AgeGenderNet.Estimate> estimates = batched(images, jobs, j -> j.ageGenderRect, ageGenderNet::run);
            for (int k = 0; k < jobs.size(); k++) {
                jobs.get(k).estimate = estimates.get(k);
            }
            double ageGenderMs = millis(start);

            return assemble(images, jobs, decodeMs, detectMs, landmarksMs, descriptorMs, ageGenderMs);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** An aligned crop, or the landmark crop where the aligned one is not usable (mostly outside the image). */
    static Rect alignedOr(Rect aligned, Rect landmarkRect, Mat image) {
        return Alignment.usable(aligned, image.cols(), image.rows()) ? aligned : landmarkRect;
    }

    /** Runs a network over the jobs' crops in chunks of the batch size, each chunk in its own NDManager scope. */
    private <T> List<T> batched(
            List<Mat> images,
            List<Job> jobs,
            Function<Job, Rect> rect,
            BiFunction<NDManager, List<Mat>, List<T>> network) {
        List<T> results = new ArrayList<>(jobs.size());
        for (int from = 0; from < jobs.size(); from += config.batchSize()) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + config.batchSize()));
            List<Mat> crops = new ArrayList<>(chunk.size());
            try (NDManager scope = manager.newSubManager()) {
                for (Job job : chunk) {
                    crops.add(images.get(job.image).submat(rect.apply(job)));
                }
                results.addAll(network.apply(scope, crops));
            } finally {
                crops.forEach(Mat::release);
            }
        }
        return results;
    }

    private static List<FaceAnalysis> assemble(
            List<Mat> images,
            List<Job> jobs,
            double[] decodeMs,
            double[] detectMs,
            double landmarksMs,
            double descriptorMs,
            double ageGenderMs) {
        int n = images.size();
        int[] faceCounts = new int[n];
        jobs.forEach(j -> faceCounts[j.image]++);
        int totalFaces = jobs.size();
        List<List<DetectedFace>> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            faces.add(new ArrayList<>());
        }
        for (Job job : jobs) {
            float male = job.estimate.maleProbability();
            Gender gender = male > 0.5f ? Gender.MALE : Gender.FEMALE;
            float age = job.estimate.age();
            faces.get(job.image)
                    .add(new DetectedFace(
                            job.detection.box(),
                            job.detection.score(),
                            Arrays.asList(job.detection.keypoints()),
                            job.landmarks,
                            job.quality,
                            job.descriptor,
                            age,
                            AgeBands.of(age),
                            gender,
                            Math.max(male, 1f - male)));
        }
        List<FaceAnalysis> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double share = totalFaces == 0 ? 0 : (double) faceCounts[i] / totalFaces;
            StageTimings timings = new StageTimings(
                    decodeMs[i], detectMs[i], landmarksMs * share, descriptorMs * share, ageGenderMs * share);
            result.add(new FaceAnalysis(images.get(i).cols(), images.get(i).rows(), faces.get(i), timings));
        }
        return result;
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
