package io.storesight.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.quarkus.runtime.StartupEvent;
import io.storesight.contracts.Models;
import io.storesight.face.config.FaceInferenceConfig;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FacePipeline;
import io.storesight.face.engine.Precision;

/**
 * Owns the one {@link FacePipeline} of the process. Models load and warm up on a background thread so that the
 * HTTP server (health, metrics) answers at once and readiness reports "loading" until the networks can serve.
 */
@ApplicationScoped
public class FaceEngine {
    private static final Logger LOG = Logger.getLogger(FaceEngine.class);

    /**
     * Written into every observation so identity-service can tell descriptors of different networks apart; a
     * network run in reduced precision is marked {@code +int8} or {@code +bf16}.
     */
    public static Map<String, String> modelVersions(Precision precision) {
        return Map.of(
                "detector", "mediapipe-blazeface@0.4.1657300184",
                "landmarks", "face-api-face_landmark_68@1.7.15" + marked(precision.landmarks()),
                "descriptor", "face-api-face_recognition@1.7.15" + marked(precision.descriptor()),
                "ageGender", "face-api-age_gender@1.7.15" + marked(precision.ageGender()));
    }

    private static String marked(Precision.Type type) {
        return type == Precision.Type.FP32 ? "" : "+" + type.name().toLowerCase(Locale.ROOT);
    }

    private final FaceInferenceConfig config;
    private final CompletableFuture<FacePipeline> pipeline = new CompletableFuture<>();
    private volatile String modelDir = "?";
    private volatile long loadMillis = -1;

    public FaceEngine(FaceInferenceConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Thread loader = new Thread(this::load, "face-models-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        long start = System.nanoTime();
        try {
            Path dir = Models.locate();
            modelDir = dir.toString();
            var engine = config.engine();
            FacePipeline created = FacePipeline.create(EngineConfig.defaults()
                    .withModelDir(dir)
                    .withDetector(engine.detector())
                    .withBatchSize(engine.batchSize())
                    .withTiling(engine.tiling())
                    .withNativeThreads(engine.nativeThreads())
                    .withPrecision(engine.precision()));
            warmUp(created, dir);
            loadMillis = (System.nanoTime() - start) / 1_000_000;
            LOG.infof("face models loaded from %s (%s) and warmed up in %d ms", dir, engine.precision(), loadMillis);
            pipeline.complete(created);
        } catch (RuntimeException | Error e) {
            LOG.error("cannot load the face models; analysis stays unavailable", e);
            pipeline.completeExceptionally(e);
        }
    }

    /** Both detector paths and all three networks run once, so lazy native initialisation happens now. */
    private void warmUp(FacePipeline created, Path dir) {
        Optional<Path> image = config.engine()
                .warmupImage()
                .map(Path::of)
                .or(() -> Optional.of(dir.resolve("samples").resolve("sample1.jpg")))
                .filter(Files::isRegularFile);
        if (image.isPresent()) {
            try {
                byte[] bytes = Files.readAllBytes(image.get());
                created.analyze(bytes);
                created.analyzeBatch(List.of(bytes, bytes));
                return;
            } catch (IOException e) {
                LOG.warnf("cannot read warm-up image %s: %s", image.get(), e.getMessage());
            }
        }
        LOG.warn("no warm-up photo found; warming the detector only (first faces will be slower)");
        Mat blank = new Mat(720, 1280, CvType.CV_8UC3, new Scalar(128, 128, 128));
        try {
            created.analyze(blank);
        } finally {
            blank.release();
        }
    }

    /** The pipeline once models are loaded and warm; empty while loading or after a failed load. */
    public Optional<FacePipeline> pipeline() {
        return pipeline.isDone() && !pipeline.isCompletedExceptionally()
                ? Optional.of(pipeline.join())
                : Optional.empty();
    }

    public void whenReady(Consumer<FacePipeline> action) {
        pipeline.thenAccept(action);
    }

    public boolean ready() {
        return pipeline().isPresent();
    }

    /** Why the models are not serving, for readiness; empty when ready. */
    public Optional<String> problem() {
        if (!pipeline.isDone()) {
            return Optional.of("loading");
        }
        return pipeline.handle((p, e) -> e == null ? null : "failed: " + rootMessage(e))
                .thenApply(Optional::ofNullable)
                .join();
    }

    public String modelDir() {
        return modelDir;
    }

    public long loadMillis() {
        return loadMillis;
    }

    @PreDestroy
    void close() {
        pipeline().ifPresent(FacePipeline::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
