package io.storesight.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;

/**
 * Frames per second of face-inference scaled out on this machine: the same backlog of 1280×720 camera frames (one
 * face each, six cameras, one per partition of {@code frames}) drained by one process and by two, with one worker
 * thread each or two, every process started from the packaged jar against the real broker. Prints (and writes
 * target/e2e-logs/scale-out.txt); asserts nothing. Not an IT: it runs only with
 * {@code ./mvnw -o -pl e2e-tests -am verify -Dbench=e2e-tests -Dit.test=ScaleOutBenchmark} (after the reactor has packaged the
 * services, e.g. by {@code ./mvnw -B verify}).
 *
 * <p>A layout's throughput is the backlog over the time from its first frame sent to its last observation; the
 * processes are ready and hold all partitions before the backlog is sent. CPU is the processes' own CPU time
 * (from /proc) over that time, per frame; the broker's is given apart. Layouts run one after the other in the same
 * consumer group, each starting where the previous one committed.
 */
class ScaleOutBenchmark {
    static final int FRAMES = Integer.getInteger("bench.frames", 600);
    static final int PARTITIONS = 6;
    /** Processes × worker threads each. */
    static final List<int[]> LAYOUTS = List.of(new int[] {1, 1}, new int[] {1, 2}, new int[] {2, 1}, new int[] {2, 2});

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        try (Stack stack = new Stack(Map.of())) {
            stack.checkPackaged();
            stack.snapshotApps();
            stack.startBroker();
            Path media = stack.dataDir().resolve("media");
            List<byte[]> jpegs = new ArrayList<>();
            for (ScenarioMedia.Person person :
                    List.of(ScenarioMedia.DARK_HAIR, ScenarioMedia.BLACK_HAIR, ScenarioMedia.AUBURN)) {
                jpegs.add(Files.readAllBytes(ScenarioMedia.frame(stack.root(), media, person)));
            }
            List<String> cameras = FrameFeed.oneCameraPerPartition(PARTITIONS);
            print("machine: " + Runtime.getRuntime().availableProcessors() + " cores; backlog " + FRAMES
                    + " frames 1280x720, one face each, " + PARTITIONS + " cameras");
            try (InferenceGroup group = new InferenceGroup(stack);
                    FrameFeed feed =
                            new FrameFeed(stack.bootstrapServers(), jpegs, ScenarioMedia.WIDTH, ScenarioMedia.HEIGHT);
                    TopicTail observations =
                            new TopicTail(stack.bootstrapServers(), List.of(Topics.FACE_OBSERVATIONS), true)) {
                for (int[] layout : LAYOUTS) {
                    drain(stack, group, feed, observations, cameras, layout[0], layout[1]);
                }
            }
        }
        Path out = Path.of(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("scale-out.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report, StandardCharsets.UTF_8);
    }

    private void drain(
            Stack stack,
            InferenceGroup group,
            FrameFeed feed,
            TopicTail observations,
            List<String> cameras,
            int processes,
            int workers) {
        String label = processes + " process" + (processes > 1 ? "es" : "") + " x " + workers + " worker"
                + (workers > 1 ? "s" : "");
        List<Stack.Instance> instances = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            instances.add(stack.addInstance(
                    Service.FACE_INFERENCE,
                    "face-inference-" + processes + "x" + workers + "-" + (char) ('a' + p),
                    Map.of(
                            "STORESIGHT_FACE_WORKER_COUNT",
                            Integer.toString(workers),
                            "STORESIGHT_FACE_WORKER_MAX_FRAME_AGE",
                            "30m")));
        }
        instances.forEach(instance -> instance.process().start());
        instances.forEach(stack::awaitReady);
        Set<Long> pids = instances.stream().map(i -> i.process().pid()).collect(Collectors.toSet());
        group.await(
                label + " holding every partition",
                Duration.ofMinutes(3),
                g -> g.partitionsByPid().keySet().equals(pids)
                        && g.all().size() == PARTITIONS
                        && g.partitionsByPid().values().stream().noneMatch(Set::isEmpty));
        String loadBefore = StackBenchmark.loadAverage();
        Duration cpuBefore = cpu(instances);
        Duration brokerBefore = stack.broker().cpuTime();
        long start = System.nanoTime();
        List<FrameFeed.Sent> sent = feed.sendRound(cameras, FRAMES / PARTITIONS);
        Set<String> ids = sent.stream().map(FrameFeed.Sent::frameId).collect(Collectors.toSet());
        Set<String> observed = new HashSet<>();
        long deadline = start + Duration.ofMinutes(15).toNanos();
        while (observed.size() < ids.size() && System.nanoTime() < deadline) {
            ManagedProcess.sleep(Duration.ofMillis(200));
            observations.seen(s -> true).stream()
                    .map(s -> EventJson.fromJson(s.value(), FaceObservationEvent.class)
                            .frameId())
                    .filter(ids::contains)
                    .forEach(observed::add);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = cpu(instances).minus(cpuBefore).toMillis();
        double brokerMs = stack.broker().cpuTime().minus(brokerBefore).toMillis();
        print(String.format(
                Locale.ROOT,
                "%s: %d of %d frames in %.1f s = %.1f frames/s; CPU per frame %.0f ms "
                        + "(face-inference) + %.0f ms (broker); RSS %s MiB; load average before %s, after %s",
                label,
                observed.size(),
                ids.size(),
                seconds,
                observed.size() / seconds,
                cpuMs / observed.size(),
                brokerMs / observed.size(),
                instances.stream().map(i -> Long.toString(i.process().rssMiB())).collect(Collectors.joining(" + ")),
                loadBefore,
                StackBenchmark.loadAverage()));
        // a graceful stop commits, so the next layout starts after this backlog
        instances.parallelStream().forEach(instance -> instance.process().stop(Duration.ofSeconds(30)));
    }

    private static Duration cpu(List<Stack.Instance> instances) {
        return instances.stream().map(i -> i.process().cpuTime()).reduce(Duration.ZERO, Duration::plus);
    }

    private void print(String line) {
        report.add(line);
        System.out.println("[bench] " + line);
    }
}
