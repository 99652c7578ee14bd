package io.storesight.camera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.MediaRoots;
import io.storesight.camera.SourceSpec;
import io.storesight.camera.service.CameraWorker;
import io.storesight.camera.service.Ffmpeg;
import io.storesight.camera.service.FfmpegSource;
import io.storesight.camera.service.Frames;
import io.storesight.common.Backoff;

/**
 * CPU and frames/s per camera for 720p H.264 at 25 fps in, 5 fps out (sampling, resize check, JPEG q85), with N
 * cameras at once; frames go to a counting sink so that the figure is the ingest cost without the broker. CPU is
 * the JVM's process CPU time plus each ffmpeg child's (from /proc), over a measured window after a warm-up.
 *
 * <pre>./mvnw -o -pl camera-ingest -am test -DskipTests -Dbench=camera-ingest -Dexec.args="1,2,4 20"</pre>
 */
public final class IngestBenchmark {
    private static final long TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String n : (args.length > 0 ? args[0] : "1,2,4").split(",")) {
            counts.add(Integer.parseInt(n.trim()));
        }
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Frames.loadOpenCv();
        Path clip = clip();
        System.out.printf(
                "clip %s: 1280x720 H.264 25 fps; target 5 fps, JPEG q85; %d s per run; %d CPUs%n",
                clip, seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("cameras | fps in/cam | fps out/cam | CPU/cam (ffmpeg + JVM) | cameras per core");
        for (int n : counts) {
            run(clip, n, seconds);
        }
        System.exit(0);
    }

    private static void run(Path clip, int cameras, int seconds) throws Exception {
        Set<Long> ffmpegPids = ConcurrentHashMap.newKeySet();
        AtomicLong published = new AtomicLong();
        List<CameraWorker> workers = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            CameraSettings settings = new CameraSettings(
                    "bench-" + i,
                    "bench",
                    "store-1",
                    CameraRole.OTHER,
                    clip.toString(),
                    5,
                    1280,
                    85,
                    false,
                    0.5,
                    true,
                    null,
                    false,
                    "api");
            CameraWorker worker = new CameraWorker(
                    settings,
                    false,
                    s -> {
                        FfmpegSource source = new FfmpegSource(
                                Ffmpeg.locate(),
                                s.id(),
                                SourceSpec.parse(
                                        s.source(),
                                        new MediaRoots(
                                                List.of(Path.of(s.source()).getParent()))),
                                s,
                                Duration.ofSeconds(15));
                        ffmpegPids.add(source.pid());
                        return source;
                    },
                    (metadata, jpeg, done) -> {
                        published.incrementAndGet();
                        done.accept(null);
                    },
                    new CameraWorker.Tuning(
                            8,
                            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                            3,
                            Duration.ofSeconds(15),
                            Duration.ofSeconds(2)));
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(4000);
        long in0 = workers.stream().mapToLong(CameraWorker::framesIn).sum();
        long out0 = published.get();
        long jvm0 = jvmCpuNanos();
        long ff0 = childCpuNanos(ffmpegPids);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long in = workers.stream().mapToLong(CameraWorker::framesIn).sum() - in0;
        long out = published.get() - out0;
        double jvm = (jvmCpuNanos() - jvm0) / 1e9 / elapsed / cameras;
        double ff = (childCpuNanos(ffmpegPids) - ff0) / 1e9 / elapsed / cameras;
        workers.forEach(CameraWorker::stop);
        double perCamera = jvm + ff;
        System.out.printf(
                "%7d | %10.1f | %11.1f | %5.1f%% (%4.1f%% + %4.1f%%) | %.1f%n",
                cameras,
                in / elapsed / cameras,
                out / elapsed / cameras,
                perCamera * 100,
                ff * 100,
                jvm * 100,
                1 / perCamera);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of live processes; a process restarted mid-run would be undercounted (none is, on a file). */
    private static long childCpuNanos(Set<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                // Exited.
            }
        }
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    private static Path clip() throws IOException, InterruptedException {
        Path clip = Path.of(System.getProperty("bench.dir", "target/bench"), "bench-720p25.mp4")
                .toAbsolutePath();
        if (!Files.exists(clip)) {
            Files.createDirectories(clip.getParent());
            Ffmpeg.run(
                    Ffmpeg.locate(),
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc2=size=1280x720:rate=25",
                            "-t",
                            "30",
                            "-c:v",
                            "libopenh264",
                            "-b:v",
                            "4M",
                            "-pix_fmt",
                            "yuv420p",
                            clip.toString()),
                    10);
        }
        return clip;
    }

    private IngestBenchmark() {}
}
