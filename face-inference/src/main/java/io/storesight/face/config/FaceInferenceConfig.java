package io.storesight.face.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storesight.face.engine.DetectorMode;
import io.storesight.face.engine.Precision;

/** Settings of face-inference ({@code storesight.face.*}); every one can be overridden from the environment. */
@ConfigMapping(prefix = "storesight.face")
public interface FaceInferenceConfig {

    Worker worker();

    Api api();

    Engine engine();

    interface Worker {
        /** Off for a REST-only instance (e.g. an enrolment helper that must not take frames from the group). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Consumers (threads) in this process; each takes its share of the {@code frames} partitions. Each engine
         * call runs single-threaded (engine.native-threads), so two workers keep a 2-core machine busy.
         */
        @WithDefault("2")
        int count();

        @WithDefault("face-inference")
        String groupId();

        /** A batch goes to the networks once its frames are expected to hold this many faces... */
        @WithDefault("8")
        int batchFaces();

        /** ...or once its oldest frame has waited this long, so that a quiet camera is not delayed. */
        @WithDefault("50ms")
        Duration batchMaxWait();

        /** Frames older than this (capture time to arrival) are skipped: live beats complete after an outage. */
        @WithDefault("10s")
        Duration maxFrameAge();

        @WithDefault("32")
        int maxPollRecords();

        /**
         * How long the group waits for a member that stopped heart-beating (a crashed instance) before handing its
         * partitions to the others. Kafka's 45 s default would leave that instance's cameras unanalysed for 45 s,
         * longer than max-frame-age, so their frames would be skipped as stale.
         */
        @WithDefault("10s")
        Duration sessionTimeout();
    }

    interface Api {
        /**
         * Larger images get 413: a phone photo is 2-6 MB. quarkus.http.limits.max-body-size (10M) caps a whole
         * request, checked from its Content-Length before the body is read.
         */
        @WithDefault("8M")
        MemorySize maxImageSize();

        /**
         * Larger images get 413 from their header, before decoding: 16 MP holds a phone's 12 MP photo, and a
         * decoded image costs 3 bytes a pixel. (Camera frames keep the engine's own, higher cap.)
         */
        @WithDefault("16000000")
        long maxPixels();

        /** Analyses (analyze or verify) running at once; one more gets 503 with Retry-After, not a queue. */
        @WithDefault("2")
        int maxConcurrent();

        /**
         * Euclidean distance below which two descriptors are taken for the same person: the middle of the range in
         * which TMR ≥ 0.95 and FMR ≤ 0.1% on the calibration set's pairs of different photos (README).
         */
        @WithDefault("0.55")
        double verifyThreshold();
    }

    interface Engine {
        /**
         * AUTO: full range (store cameras, faces up to ~5 m) and short range when that finds nothing (uploaded
         * close-ups and selfies, which full range misses).
         */
        @WithDefault("AUTO")
        DetectorMode detector();

        /** Face crops per network call; faces are batched across the frames of a worker batch. */
        @WithDefault("8")
        int batchSize();

        /** Also scan 3x3 overlapping tiles for faces under ~1/10 of the frame (costs nine more detections). */
        @WithDefault("false")
        boolean tiling();

        /**
         * Threads one PyTorch/OpenCV operation may use (process-wide). 1: parallelism comes from the workers and
         * REST requests running side by side, which wastes nothing in thread barriers on a small shared CPU.
         */
        @WithDefault("1")
        int nativeThreads();

        /**
         * Arithmetic of the face networks. INT8: the descriptor network in int8 (same matches and demographics as
         * FP32 on the calibration set, more faces per core; calibrates on models/samples at start). FP32: the
         * reference. INT8_ALL: all three networks in int8 (moves ages and landmarks). BF16: descriptor and
         * age/gender in bf16 (same matches, ages within ~0.2 years); BF16_ALL: all three (moves landmarks and
         * ages); both need a CPU with native bf16 and are refused at start elsewhere.
         */
        @WithDefault("INT8")
        Precision precision();

        /** An image analysed once at start so the first real request does not pay for lazy native setup. */
        Optional<String> warmupImage();
    }
}
