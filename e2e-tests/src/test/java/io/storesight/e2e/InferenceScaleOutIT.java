package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.Topics;

/**
 * Inference scaled out across processes: two face-inference processes from the packaged jar, in one consumer group
 * on the real broker. While both run they share the six {@code frames} partitions and each frame is analysed by
 * exactly one of them; SIGKILL one mid-stream and the other takes its partitions over and analyses every frame the
 * dead one left, losing none.
 *
 * <p>Both run with the service defaults except {@code max-frame-age} (30 min): with the default 10 s, frames that
 * wait out the dead process's session timeout and the rebalance would be skipped as stale, which is the live
 * policy, not a loss; here every frame must come out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferenceScaleOutIT {
    static final int PARTITIONS = 6;
    static final Duration WAIT = Duration.ofMinutes(4);

    private Stack stack;
    private Stack.Instance a;
    private Stack.Instance b;
    private InferenceGroup group;
    private FrameFeed feed;
    private TopicTail observations;
    private final List<String> cameras = FrameFeed.oneCameraPerPartition(PARTITIONS);

    @BeforeAll
    void start() {
        stack = new Stack(Map.of());
        stack.checkPackaged();
        stack.snapshotApps();
        stack.startBroker();
        Map<String, String> settings = Map.of("STORESIGHT_FACE_WORKER_MAX_FRAME_AGE", "30m");
        a = stack.addInstance(Service.FACE_INFERENCE, "face-inference-a", settings);
        b = stack.addInstance(Service.FACE_INFERENCE, "face-inference-b", settings);
        a.process().start();
        b.process().start();
        stack.awaitReady(a);
        stack.awaitReady(b);
        group = new InferenceGroup(stack);
        Path media = stack.dataDir().resolve("media");
        List<byte[]> frames = new ArrayList<>();
        for (ScenarioMedia.Person person :
                List.of(ScenarioMedia.DARK_HAIR, ScenarioMedia.BLACK_HAIR, ScenarioMedia.AUBURN)) {
            frames.add(read(ScenarioMedia.frame(stack.root(), media, person)));
        }
        feed = new FrameFeed(stack.bootstrapServers(), frames, ScenarioMedia.WIDTH, ScenarioMedia.HEIGHT);
        observations = new TopicTail(stack.bootstrapServers(), List.of(Topics.FACE_OBSERVATIONS), true);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {observations, feed, group, stack}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the rest still has to be closed
            }
        }
    }

    @Test
    @Order(1)
    void theTwoProcessesShareThePartitionsAndAnalyseEachFrameOnce() {
        InferenceGroup.Assignment shared = group.await(
                "both processes holding partitions",
                WAIT,
                g -> g.partitionsByPid().keySet().equals(Set.of(pid(a), pid(b)))
                        && g.all().size() == PARTITIONS
                        && g.partitionsByPid().values().stream().noneMatch(Set::isEmpty));
        Set<Integer> ofA = shared.partitionsByPid().get(pid(a));
        Set<Integer> ofB = shared.partitionsByPid().get(pid(b));
        assertThat(ofA).doesNotContainAnyElementsOf(ofB);
        System.out.printf("e2e: partitions of frames: %s holds %s, %s holds %s%n", a.name(), ofA, b.name(), ofB);

        List<FrameFeed.Sent> sent = feed.sendRound(cameras, 10);
        assertThat(FrameFeed.perPartition(sent).keySet()).hasSize(PARTITIONS);
        Map<String, List<FaceObservationEvent>> seen = awaitObserved(sent);
        ManagedProcess.sleep(Duration.ofSeconds(3)); // a second analysis of a frame would follow within this
        seen = observedFrames(sent);
        assertThat(seen.values()).as("observations per frame").allMatch(list -> list.size() == 1);
        assertThat(seen.values().stream().flatMap(List::stream).map(FaceObservationEvent::faces))
                .as("each frame shows one person")
                .allMatch(faces -> faces.size() == 1);

        // each process analysed exactly the frames of its own partitions
        long expectedA = sent.stream().filter(f -> ofA.contains(f.partition())).count();
        assertThat(group.observedFrames(a)).isEqualTo(expectedA).isPositive();
        assertThat(group.observedFrames(b)).isEqualTo(sent.size() - expectedA).isPositive();
    }

    @Test
    @Order(2)
    void aProcessKilledMidStreamHandsItsPartitionsToTheOtherAndNoFrameIsLost() {
        Set<Integer> ofB = group.assignment().partitionsByPid().get(pid(b));
        long before = group.observedFrames(b);
        feed.startStream(cameras, 6);
        ManagedProcess.sleep(Duration.ofSeconds(1));
        b.process().await("analysing the stream", WAIT, () -> group.observedFrames(b) >= before + 6);
        Instant killed = Instant.now();
        b.process().kill();
        InferenceGroup.Assignment takenOver = group.await(
                "one process holding every partition",
                WAIT,
                g -> g.partitionsByPid().keySet().equals(Set.of(pid(a)))
                        && g.all().size() == PARTITIONS);
        Duration takeover = Duration.between(killed, Instant.now());
        ManagedProcess.sleep(Duration.ofSeconds(10)); // the survivor alone, on all six cameras
        List<FrameFeed.Sent> streamed = feed.stopStream();

        Map<String, List<FaceObservationEvent>> seen = awaitObserved(streamed);
        List<FrameFeed.Sent> twice =
                streamed.stream().filter(f -> seen.get(f.frameId()).size() > 1).toList();
        System.out.printf(
                "e2e: %s killed after %d frames of the stream; %s held all %d partitions %.1f s later "
                        + "(%s); %d frames streamed, every one observed, %d of them twice%n",
                b.name(),
                streamed.stream().filter(f -> f.sentAt().isBefore(killed)).count(),
                a.name(),
                PARTITIONS,
                takeover.toMillis() / 1000.0,
                takenOver.partitionsByPid(),
                streamed.size(),
                twice.size());
        // at-least-once: only what the dead process had taken but not committed comes twice, under the same id
        assertThat(twice)
                .allMatch(
                        f -> ofB.contains(f.partition()) && f.sentAt().isBefore(killed),
                        "a frame of " + b.name() + "'s partitions sent before the kill");
        for (FrameFeed.Sent frame : streamed) {
            assertThat(seen.get(frame.frameId()))
                    .extracting(FaceObservationEvent::eventId)
                    .containsOnly(FaceObservationEvent.eventIdFor(frame.frameId()));
        }
        assertThat(streamed.stream().filter(f -> f.sentAt().isAfter(killed) && ofB.contains(f.partition())))
                .as("frames of the dead process's cameras after the kill")
                .isNotEmpty();
    }

    /** Waits until every frame has at least one observation; returns the observations by frame id. */
    private Map<String, List<FaceObservationEvent>> awaitObserved(List<FrameFeed.Sent> frames) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, List<FaceObservationEvent>> seen = observedFrames(frames);
            Set<String> missing = new HashSet<>();
            frames.forEach(f -> {
                if (!seen.containsKey(f.frameId())) {
                    missing.add(f.frameId());
                }
            });
            if (missing.isEmpty()) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(missing.size() + " of " + frames.size() + " frames never observed within "
                        + WAIT + "; by partition: "
                        + FrameFeed.perPartition(frames.stream()
                                .filter(f -> missing.contains(f.frameId()))
                                .toList()) + stack.logTails(40));
            }
            ManagedProcess.sleep(Duration.ofMillis(500));
        }
    }

    private Map<String, List<FaceObservationEvent>> observedFrames(List<FrameFeed.Sent> frames) {
        Set<String> ids = frames.stream().map(FrameFeed.Sent::frameId).collect(Collectors.toSet());
        return observations.seen(s -> true).stream()
                .map(s -> EventJson.fromJson(s.value(), FaceObservationEvent.class))
                .filter(e -> ids.contains(e.frameId()))
                .collect(Collectors.groupingBy(FaceObservationEvent::frameId));
    }

    private static long pid(Stack.Instance instance) {
        return instance.process().pid();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
