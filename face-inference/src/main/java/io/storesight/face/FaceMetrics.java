package io.storesight.face;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storesight.face.engine.StageTimings;

/**
 * The service's meters. Rates (frames/s, faces/s) are Prometheus {@code rate()} over the counters; latencies are
 * timers with histograms so p50/p95 can be computed across instances.
 */
public final class FaceMetrics {
    private final Counter framesObserved;
    private final Counter framesSkipped;
    private final Counter framesDeadLettered;
    private final Counter faces;
    private final Timer decode;
    private final Timer detect;
    private final Timer landmarks;
    private final Timer descriptor;
    private final Timer ageGender;
    private final Timer observationLatency;
    private final DistributionSummary batchFrames;
    private final Map<String, Long> lagByWorker = new ConcurrentHashMap<>();

    public FaceMetrics(MeterRegistry registry) {
        framesObserved = frames(registry, "observed");
        framesSkipped = frames(registry, "skipped-stale");
        framesDeadLettered = frames(registry, "dead-lettered");
        faces = Counter.builder("storesight.face.faces")
                .description("Faces found in frames from Kafka")
                .register(registry);
        decode = stage(registry, "decode");
        detect = stage(registry, "detect");
        landmarks = stage(registry, "landmarks");
        descriptor = stage(registry, "descriptor");
        ageGender = stage(registry, "age-gender");
        observationLatency = Timer.builder("storesight.face.observation.latency")
                .description("Frame capture to the observation acknowledged by the broker")
                .publishPercentileHistogram()
                .register(registry);
        batchFrames = DistributionSummary.builder("storesight.face.batch.frames")
                .description("Frames analysed together in one engine batch")
                .register(registry);
        Gauge.builder(
                        "storesight.face.consumer.lag",
                        lagByWorker,
                        lags -> lags.values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                .description("Frames waiting in the assigned partitions of this instance's workers")
                .register(registry);
    }

    private static Counter frames(MeterRegistry registry, String outcome) {
        return Counter.builder("storesight.face.frames")
                .tag("outcome", outcome)
                .description("Frames taken from Kafka, by outcome")
                .register(registry);
    }

    private static Timer stage(MeterRegistry registry, String stage) {
        return Timer.builder("storesight.face.stage")
                .tag("stage", stage)
                .description("Engine time per image and stage")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void observed(int faceCount) {
        framesObserved.increment();
        faces.increment(faceCount);
    }

    public void skipped() {
        framesSkipped.increment();
    }

    public void deadLettered() {
        framesDeadLettered.increment();
    }

    public void batch(int frames) {
        batchFrames.record(frames);
    }

    public void observationLatency(Duration latency) {
        if (!latency.isNegative()) {
            observationLatency.record(latency);
        }
    }

    public void stages(StageTimings timings) {
        record(decode, timings.decodeMs());
        record(detect, timings.detectMs());
        record(landmarks, timings.landmarksMs());
        record(descriptor, timings.descriptorMs());
        record(ageGender, timings.ageGenderMs());
    }

    public void lag(String worker, long lag) {
        lagByWorker.put(worker, lag);
    }

    public void workerStopped(String worker) {
        lagByWorker.remove(worker);
    }

    public double framesObserved() {
        return framesObserved.count();
    }

    public double framesSkipped() {
        return framesSkipped.count();
    }

    public double framesDeadLettered() {
        return framesDeadLettered.count();
    }

    public Timer observationLatencyTimer() {
        return observationLatency;
    }

    private static void record(Timer timer, double millis) {
        timer.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
