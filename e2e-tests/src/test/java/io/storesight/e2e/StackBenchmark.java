package io.storesight.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.contracts.VisitEvent;
import io.storesight.e2e.ScenarioMedia.Appearance;

/**
 * Figures of the whole stack on this machine; prints them (and writes target/e2e-logs/bench.txt), asserts nothing.
 * Not an IT: it runs only with {@code ./mvnw -o -pl e2e-tests -am verify -Dbench=e2e-tests}.
 * <ol>
 * <li>RSS of every process at idle (ready, no camera).</li>
 * <li>Latency: one entrance camera at 5 fps, looping a video where three people take turns (3 s in view, 5 s
 * away, absence threshold 2 s, so every appearance is a visit); frame published → face observation produced, and
 * → visit/sighting event produced (record timestamps on the same machine's clock). Timings start when the frame is
 * published, not at its capture time: a file camera's capture times follow the video's clock, which a stall (the
 * loop restarting, a busy core) leaves behind the wall clock for good; their offset is printed on its own.</li>
 * <li>Throughput: more cameras until the offered rate exceeds what the stack processes; frames/s published and
 * observed per second, and RSS under that load.</li>
 * <li>Known customers at half of that throughput: the load cameras replaced by one camera that brings the offered
 * rate to half of the frames/s observed under load; frame published → {@code VISIT_STARTED} of a customer already
 * known (the three people were enrolled in the latency phase).</li>
 * </ol>
 */
class StackBenchmark {
    static final Duration LATENCY_PHASE = Duration.ofSeconds(Integer.getInteger("bench.latency.seconds", 90));
    static final Duration LOAD_PHASE = Duration.ofSeconds(Integer.getInteger("bench.load.seconds", 60));
    static final int LOAD_CAMERAS = Integer.getInteger("bench.load.cameras", 4);
    static final int LOAD_FPS = Integer.getInteger("bench.load.fps", 10);

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
        env.put(Service.IDENTITY, Map.of("STORESIGHT_IDENTITY_PRESENCE_ABSENCE_THRESHOLD", "2s"));
        try (Stack stack = new Stack(env)) {
            stack.start();
            StoreApis api = new StoreApis(stack);
            Path media = Files.createDirectories(stack.media());
            Path video = ScenarioMedia.video(
                    stack.root(),
                    media,
                    "turns",
                    24,
                    List.of(
                            new Appearance(ScenarioMedia.DARK_HAIR, 0, 3),
                            new Appearance(ScenarioMedia.BLACK_HAIR, 8, 11),
                            new Appearance(ScenarioMedia.AUBURN, 16, 19)));
            ManagedProcess.sleep(Duration.ofSeconds(15));
            print("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage());
            print("RSS at idle (MiB): " + stack.rssMiB());

            try (TopicTail frames = new TopicTail(stack.bootstrapServers(), List.of(Topics.FRAMES), false);
                    TopicTail events = new TopicTail(
                            stack.bootstrapServers(), List.of(Topics.FACE_OBSERVATIONS, Topics.VISITS), true)) {
                api.addLoopingCamera("bench-entrance", "entrance", video, 5);
                ManagedProcess.sleep(LATENCY_PHASE);
                latency(frames, events);

                long loadStart = System.currentTimeMillis();
                for (int i = 1; i < LOAD_CAMERAS; i++) {
                    api.addLoopingCamera("bench-load-" + i, "other", video, LOAD_FPS);
                }
                ManagedProcess.sleep(Duration.ofSeconds(10));
                long windowStart = System.currentTimeMillis();
                ManagedProcess.sleep(LOAD_PHASE);
                long windowEnd = System.currentTimeMillis();
                print("RSS under load (MiB): " + stack.rssMiB() + "; load average " + loadAverage());
                double observedPerSecond = throughput(frames, events, windowStart, windowEnd, loadStart);

                for (int i = 1; i < LOAD_CAMERAS; i++) {
                    api.removeCamera("bench-load-" + i);
                }
                int halfFps = (int) Math.round(observedPerSecond / 2 - 5);
                if (halfFps > 0) {
                    api.addLoopingCamera("bench-half", "other", video, halfFps);
                }
                // Let the backlog of the load phase drain before timing.
                ManagedProcess.sleep(Duration.ofSeconds(20));
                long halfStart = System.currentTimeMillis();
                ManagedProcess.sleep(LATENCY_PHASE);
                knownCustomers(frames, events, halfStart, System.currentTimeMillis(), 5 + Math.max(0, halfFps));
            }
        }
        Path out = Path.of(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("bench.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report, StandardCharsets.UTF_8);
    }

    private void latency(TopicTail frames, TopicTail events) {
        Map<String, Long> published = publishedAt(frames);
        List<Double> toObservation = new ArrayList<>();
        List<Double> toKnownSighting = new ArrayList<>();
        List<Double> toNewVisit = new ArrayList<>();
        List<Double> toKnownVisit = new ArrayList<>();
        for (TopicTail.Seen seen : events.seen(s -> s.topic().equals(Topics.FACE_OBSERVATIONS))) {
            FaceObservationEvent obs = EventJson.fromJson(seen.value(), FaceObservationEvent.class);
            Long frame = published.get(frameKey(obs.cameraId(), obs.captureTime()));
            if (frame != null) {
                toObservation.add((double) (seen.recordTimestamp() - frame));
            }
        }
        for (TopicTail.Seen seen : events.seen(s -> s.topic().equals(Topics.VISITS))) {
            VisitEvent visit = EventJson.fromJson(seen.value(), VisitEvent.class);
            if (visit.startedAt() == null) {
                continue; // a store's head count (OCCUPANCY), not a visit
            }
            Long frame = published.get(frameKey(visit.cameraId(), visit.startedAt()));
            if (frame == null) {
                continue; // the visit's first frame was published before this phase
            }
            double millis = seen.recordTimestamp() - frame;
            if (visit.type() == VisitEvent.Type.VISIT_STARTED) {
                (visit.newCustomer() ? toNewVisit : toKnownVisit).add(millis);
            } else if (visit.type() == VisitEvent.Type.SIGHTING_STARTED && !visit.newCustomer()) {
                toKnownSighting.add(millis);
            }
        }
        long frameCount = frames.seen(s -> true).size();
        print(String.format(
                Locale.ROOT,
                "latency phase: %d frames published in %d s (1 camera, 5 fps)",
                frameCount,
                LATENCY_PHASE.toSeconds()));
        print("file camera's capture time → frame published (ms; the video's clock, not the pipeline): "
                + percentiles(frames.seen(s -> true).stream()
                        .map(s -> (double) (s.recordTimestamp() - Long.parseLong(s.header(FrameHeaders.CAPTURE_TIME))))
                        .toList()));
        print("frame published → face-observations event (ms): " + percentiles(toObservation));
        print("frame published → VISIT_STARTED of a new customer (ms; the new-customer confirmation included): "
                + percentiles(toNewVisit));
        print("frame published → VISIT_STARTED of a known customer (ms): " + percentiles(toKnownVisit));
        print("frame published → SIGHTING_STARTED of a known customer (ms): " + percentiles(toKnownSighting));
    }

    private void knownCustomers(TopicTail frames, TopicTail events, long from, long to, int offeredFps) {
        double seconds = (to - from) / 1000.0;
        long published =
                frames.seen(s -> s.arrivedAt() >= from && s.arrivedAt() < to).size();
        Map<String, Long> framesPublished = publishedAt(frames);
        List<Double> toKnownVisit = new ArrayList<>();
        for (TopicTail.Seen seen :
                events.seen(s -> s.topic().equals(Topics.VISITS) && s.arrivedAt() >= from && s.arrivedAt() < to)) {
            VisitEvent visit = EventJson.fromJson(seen.value(), VisitEvent.class);
            Long frame = visit.type() == VisitEvent.Type.VISIT_STARTED && !visit.newCustomer()
                    ? framesPublished.get(frameKey(visit.cameraId(), visit.startedAt()))
                    : null;
            if (frame != null && frame >= from) {
                toKnownVisit.add((double) (seen.recordTimestamp() - frame));
            }
        }
        print(String.format(
                Locale.ROOT,
                "half-throughput phase: %d fps offered (%.1f frames/s published) for %.0f s; " + "load average %s",
                offeredFps,
                published / seconds,
                seconds,
                loadAverage()));
        print("frame published → VISIT_STARTED of a known customer at half throughput (ms): "
                + percentiles(toKnownVisit));
    }

    /** Prints the load phase's figures and answers the face observations produced per second. */
    private double throughput(TopicTail frames, TopicTail events, long from, long to, long loadStart) {
        double seconds = (to - from) / 1000.0;
        long published =
                frames.seen(s -> s.arrivedAt() >= from && s.arrivedAt() < to).size();
        List<TopicTail.Seen> observed = events.seen(s ->
                s.topic().equals(Topics.FACE_OBSERVATIONS) && s.recordTimestamp() >= from && s.recordTimestamp() < to);
        Map<String, Long> framesPublished = publishedAt(frames);
        List<Double> lag = new ArrayList<>();
        for (TopicTail.Seen seen : observed) {
            FaceObservationEvent obs = EventJson.fromJson(seen.value(), FaceObservationEvent.class);
            Long frame = framesPublished.get(frameKey(obs.cameraId(), obs.captureTime()));
            if (frame != null) {
                lag.add((double) (seen.recordTimestamp() - frame));
            }
        }
        long backlog = frames.seen(s -> s.arrivedAt() >= loadStart && s.arrivedAt() < to)
                        .size()
                - events.seen(s -> s.topic().equals(Topics.FACE_OBSERVATIONS)
                                && s.recordTimestamp() >= loadStart
                                && s.recordTimestamp() < to)
                        .size();
        print(String.format(
                Locale.ROOT,
                "load phase: %d cameras (1 at 5 fps, %d at %d fps) for %.0f s",
                LOAD_CAMERAS,
                LOAD_CAMERAS - 1,
                LOAD_FPS,
                seconds));
        print(String.format(
                Locale.ROOT,
                "frames published %.1f/s, face observations produced %.1f/s, " + "unprocessed frames at the end ≈ %d",
                published / seconds,
                observed.size() / seconds,
                backlog));
        print("frame published → face-observations event under load (ms): " + percentiles(lag));
        return observed.size() / seconds;
    }

    /** When each frame seen so far was published, by {@link #frameKey}. */
    private static Map<String, Long> publishedAt(TopicTail frames) {
        Map<String, Long> at = new HashMap<>();
        for (TopicTail.Seen seen : frames.seen(s -> true)) {
            at.put(
                    seen.header(FrameHeaders.CAMERA_ID) + "@" + seen.header(FrameHeaders.CAPTURE_TIME),
                    seen.recordTimestamp());
        }
        return at;
    }

    /** A frame is known by its camera and capture time: what observations and visits (their first frame) carry. */
    private static String frameKey(String camera, Instant capture) {
        return camera + "@" + capture.toEpochMilli();
    }

    static String percentiles(List<Double> values) {
        if (values.isEmpty()) {
            return "no samples";
        }
        List<Double> sorted = values.stream().sorted().toList();
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.0f p95=%.0f max=%.0f",
                sorted.size(),
                at(sorted, 0.50),
                at(sorted, 0.95),
                sorted.get(sorted.size() - 1));
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    /** Other builds share the machine: the figures mean little without it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void print(String line) {
        report.add(line);
        System.out.println("[bench] " + line);
    }
}
