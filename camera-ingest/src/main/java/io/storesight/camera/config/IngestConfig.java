package io.storesight.camera.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storesight.contracts.Ids;

/** How the service runs its cameras: decoder, reconnects, queues, and the frame producer. */
@ConfigMapping(prefix = "storesight.ingest")
public interface IngestConfig {

    /** A system ffmpeg (a name on PATH or a path); unset: the build packaged with the service (see {@code Ffmpeg}). */
    Optional<String> ffmpeg();

    /**
     * Folders whose videos and image folders may be camera sources (comma-separated in the environment); the demo
     * folder always is one. A file or folder anywhere else is refused.
     */
    Optional<List<String>> mediaRoots();

    /** Store id for cameras that do not name one. */
    @WithDefault("store-1")
    @Pattern(regexp = Ids.PATTERN, message = "must be " + Ids.RULE)
    String defaultStoreId();

    /** Encoded frames waiting for Kafka per camera; beyond it the oldest is dropped and counted. */
    @WithDefault("8")
    int queueCapacity();

    @WithDefault("1s")
    Duration backoffInitial();

    @WithDefault("30s")
    Duration backoffMax();

    /** Consecutive failed attempts after which a camera shows "failed" (it keeps retrying at the backoff). */
    @WithDefault("3")
    int failedAfter();

    /** Time to get the first frame from a source. */
    @WithDefault("15s")
    Duration connectTimeout();

    /** A source that delivers nothing for this long is restarted. */
    @WithDefault("15s")
    Duration stallTimeout();

    /** With motion gating, a frame is still published at least this often. */
    @WithDefault("2s")
    Duration motionHeartbeat();

    Kafka kafka();

    interface Kafka {
        @WithDefault("5ms")
        Duration linger();

        @WithDefault("500ms")
        Duration maxBlock();

        @WithDefault("3s")
        Duration requestTimeout();

        @WithDefault("5s")
        Duration deliveryTimeout();

        /** Upper bound of frames held by the producer across all cameras, in bytes. */
        @WithDefault("16777216")
        long bufferMemory();

        @WithDefault("4194304")
        int maxRequestSize();
    }
}
