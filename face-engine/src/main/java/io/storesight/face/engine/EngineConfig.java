package io.storesight.face.engine;

import java.nio.file.Path;

import io.storesight.contracts.Models;

/**
 * Engine settings.
 *
 * @param modelDir  the directory {@code models/fetch} fills (with {@code mediapipe/} and {@code face-api/})
 * @param detector  which BlazeFace model(s) find faces
 * @param batchSize how many face crops go through a network in one call
 * @param tiling    also scan overlapping 3×3 tiles with the full-range model, for faces under ~1/10 of the frame
 * @param maxPixels images with more pixels are rejected from their header, before decoding
 * @param maxFaces  at most this many faces (highest detector scores) are analysed per image
 * @param nativeThreads threads one PyTorch/OpenCV operation may use (process-wide setting). 1 by default:
 *                  parallelism comes from concurrent callers, and multi-threaded ops on a small shared CPU lose
 *                  most of their time in OpenMP barriers (measured 20× slower per conv under load)
 * @param precision the arithmetic of the landmark, descriptor and age/gender networks' convolutions
 */
public record EngineConfig(
        Path modelDir,
        DetectorMode detector,
        int batchSize,
        boolean tiling,
        long maxPixels,
        int maxFaces,
        int nativeThreads,
        Precision precision) {

    public static final int DEFAULT_BATCH_SIZE = 8;
    /** 40 megapixels: above any camera frame or phone photo, below what would exhaust a small server. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public static final int DEFAULT_MAX_FACES = 64;

    public EngineConfig {
        if (modelDir == null) {
            throw new IllegalArgumentException("modelDir is required");
        }
        if (detector == null) {
            throw new IllegalArgumentException("detector is required");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, was " + maxPixels);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be >= 1, was " + maxFaces);
        }
        if (nativeThreads < 1) {
            throw new IllegalArgumentException("nativeThreads must be >= 1, was " + nativeThreads);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision is required");
        }
    }

    /** Models from {@link Models#locate()}, full range, batch 8, no tiling, fp32. */
    public static EngineConfig defaults() {
        return new EngineConfig(
                Models.locate(),
                DetectorMode.FULL_RANGE,
                DEFAULT_BATCH_SIZE,
                false,
                DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_FACES,
                1,
                Precision.FP32);
    }

    public EngineConfig withModelDir(Path value) {
        return new EngineConfig(value, detector, batchSize, tiling, maxPixels, maxFaces, nativeThreads, precision);
    }

    public EngineConfig withDetector(DetectorMode value) {
        return new EngineConfig(modelDir, value, batchSize, tiling, maxPixels, maxFaces, nativeThreads, precision);
    }

    public EngineConfig withBatchSize(int value) {
        return new EngineConfig(modelDir, detector, value, tiling, maxPixels, maxFaces, nativeThreads, precision);
    }

    public EngineConfig withTiling(boolean value) {
        return new EngineConfig(modelDir, detector, batchSize, value, maxPixels, maxFaces, nativeThreads, precision);
    }

    public EngineConfig withMaxPixels(long value) {
        return new EngineConfig(modelDir, detector, batchSize, tiling, value, maxFaces, nativeThreads, precision);
    }

    public EngineConfig withMaxFaces(int value) {
        return new EngineConfig(modelDir, detector, batchSize, tiling, maxPixels, value, nativeThreads, precision);
    }

    public EngineConfig withPrecision(Precision value) {
        return new EngineConfig(modelDir, detector, batchSize, tiling, maxPixels, maxFaces, nativeThreads, value);
    }

    public EngineConfig withNativeThreads(int value) {
        return new EngineConfig(modelDir, detector, batchSize, tiling, maxPixels, maxFaces, value, precision);
    }
}
