package io.storesight.face.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.contracts.Topics;
import io.storesight.face.FaceEngine;
import io.storesight.face.FaceMetrics;
import io.storesight.face.TestImages;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.Precision;
import io.storesight.kafka.KafkaTestClient;
import io.storesight.kafka.LocalKafkaResource;
import io.storesight.testsupport.Slow;

/** The worker against the real broker, the real models and the real sample photos. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class FrameWorkerTest {
    /** Generous: the build machine is shared, and under load a photo can take seconds. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Inject
    FaceEngine engine;

    @Inject
    FrameWorkerPool pool;

    @Inject
    FaceMetrics metrics;

    @Inject
    InPlaceRetry retry;

    @BeforeEach
    void ready() {
        TestImages.awaitReady();
    }

    @Test
    void sampleFrameBecomesOneObservationWithTheFacesOfThePhoto() {
        byte[] jpeg = TestImages.sampleBytes(1);
        FaceAnalysis direct = engine.pipeline().orElseThrow().analyze(jpeg);
        FrameMetadata frame = frame("cam-entrance", 1920, 1280);

        try (var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS)) {
            send(frame, jpeg);
            ConsumerRecord<String, byte[]> record =
                    observations.await(1, WAIT, forFrame(frame.frameId())).get(0);
            assertThat(record.key()).isEqualTo("cam-entrance");
            FaceObservationEvent event = EventJson.fromBytes(record.value(), FaceObservationEvent.class);

            assertThat(event.eventId()).isEqualTo(FaceObservationEvent.eventIdFor(frame.frameId()));
            assertThat(event.cameraId()).isEqualTo("cam-entrance");
            assertThat(event.storeId()).isEqualTo("store-1");
            assertThat(event.captureTime()).isEqualTo(frame.captureTime());
            assertThat(event.imageWidth()).isEqualTo(1920);
            assertThat(event.imageHeight()).isEqualTo(1280);
            assertThat(event.modelVersions()).containsKeys("detector", "descriptor");
            // the service default: the descriptor network in int8, the others fp32; the events say so
            assertThat(engine.pipeline().orElseThrow().config().precision()).isEqualTo(Precision.INT8);
            assertThat(event.modelVersions().get("descriptor")).isEqualTo("face-api-face_recognition@1.7.15+int8");
            assertThat(event.modelVersions().get("landmarks")).isEqualTo("face-api-face_landmark_68@1.7.15");
            // sample1.jpg: a group photo of adult women.
            assertThat(event.faces()).hasSize(direct.faces().size()).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < event.faces().size(); i++) {
                FaceObservationEvent.Face face = event.faces().get(i);
                DetectedFace expected = direct.faces().get(i);
                assertThat(face.box().x()).isCloseTo(expected.box().x(), within(1f));
                assertThat(face.box().y()).isCloseTo(expected.box().y(), within(1f));
                assertThat(face.box().width())
                        .isCloseTo(expected.box().width(), within(1f))
                        .isGreaterThan(40);
                assertThat(face.box().x() + face.box().width()).isLessThanOrEqualTo(1920);
                assertThat(face.descriptor()).hasSize(128);
                assertThat(face.keypoints()).hasSize(6);
                assertThat(face.gender()).isEqualTo(FaceObservationEvent.Gender.FEMALE);
                assertThat(face.age()).isBetween(15f, 65f);
                assertThat(face.ageBand()).isEqualTo(expected.ageBand());
                assertThat(face.quality().score()).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void frameWithoutFacesStillYieldsAnObservation() {
        FrameMetadata frame = frame("cam-counter", 640, 480);
        try (var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS)) {
            send(frame, TestImages.blankJpeg(640, 480));
            var event = EventJson.fromBytes(
                    observations
                            .await(1, WAIT, forFrame(frame.frameId()))
                            .get(0)
                            .value(),
                    FaceObservationEvent.class);
            assertThat(event.faces()).isEmpty();
            assertThat(event.imageWidth()).isEqualTo(640);
        }
    }

    @Test
    void corruptFrameIsDeadLetteredAndTheNextFrameIsStillProcessed() {
        // Same camera, so both land in one partition and the good frame queues behind the corrupt one.
        FrameMetadata corrupt = frame("cam-poison", 1920, 1280);
        FrameMetadata good = frame("cam-poison", 1920, 1280);
        byte[] truncated = Arrays.copyOf(TestImages.sampleBytes(2), 300);
        try (var dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.FRAMES));
                var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS)) {
            send(corrupt, truncated);
            send(good, TestImages.sampleBytes(2));

            var observed = observations.await(1, WAIT, forFrame(good.frameId())).get(0);
            assertThat(EventJson.fromBytes(observed.value(), FaceObservationEvent.class)
                            .faces())
                    .isNotEmpty();

            var dead = dlq.await(
                            1, WAIT, r -> corrupt.frameId().equals(KafkaTestClient.header(r, FrameHeaders.FRAME_ID)))
                    .get(0);
            assertThat(dead.value()).isEqualTo(truncated);
            assertThat(KafkaTestClient.header(dead, DeadLetters.REASON)).isNotBlank();
            assertThat(KafkaTestClient.header(dead, DeadLetters.ORIGIN_TOPIC)).isEqualTo(Topics.FRAMES);
            assertThat(KafkaTestClient.header(dead, DeadLetters.ORIGIN_CONSUMER))
                    .isEqualTo("face-inference");
            assertThat(observations.drain(Duration.ofSeconds(1))).noneMatch(forFrame(corrupt.frameId())::test);
        }
    }

    @Test
    void frameWithoutItsHeadersIsDeadLetteredNamingTheHeader() {
        String cameraId = "cam-headless";
        try (var dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.FRAMES))) {
            KafkaTestClient.send(
                    Topics.FRAMES, cameraId, TestImages.sampleBytes(3), Map.of(FrameHeaders.CAMERA_ID, cameraId));
            var dead = dlq.await(1, WAIT, r -> cameraId.equals(r.key())).get(0);
            assertThat(KafkaTestClient.header(dead, DeadLetters.REASON)).contains(FrameHeaders.FRAME_ID);
        }
    }

    @Test
    void staleFrameIsSkippedAndCounted() {
        double skippedBefore = metrics.framesSkipped();
        FrameMetadata old = new FrameMetadata(
                "frame-" + UUID.randomUUID(),
                "cam-stale",
                "store-1",
                "entrance",
                Instant.now().minus(Duration.ofHours(1)),
                1,
                640,
                480);
        FrameMetadata fresh = frame("cam-stale", 640, 480);
        try (var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS)) {
            send(old, TestImages.blankJpeg(640, 480));
            send(fresh, TestImages.blankJpeg(640, 480));
            // Same partition: once the fresh frame is observed, the stale one before it has been handled.
            var seen = observations.await(1, WAIT, forFrame(fresh.frameId()));
            assertThat(seen).noneMatch(forFrame(old.frameId())::test);
            assertThat(metrics.framesSkipped()).isGreaterThanOrEqualTo(skippedBefore + 1);
        }
    }

    @Test
    @Slow
    void twoWorkersSharePartitionsAndASteadyStreamHasNoDuplicates() throws Exception {
        List<FrameWorker> workers = pool.workers();
        assertThat(workers).hasSize(2);
        Map<String, Long> before = workers.stream().collect(Collectors.toMap(FrameWorker::name, FrameWorker::observed));
        byte[] blank = TestImages.blankJpeg(320, 240);
        byte[] photo = TestImages.sampleBytes(4);
        List<String> frameIds = new ArrayList<>();
        try (var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS);
                KafkaProducer<String, byte[]> producer = KafkaTestClient.producer()) {
            List<String> cameras = camerasCoveringEveryPartition();
            for (int i = 0; i < 48; i++) {
                FrameMetadata frame = frame(cameras.get(i % cameras.size()), 320, 240);
                frameIds.add(frame.frameId());
                var headers = new RecordHeaders();
                frame.writeTo(headers);
                producer.send(new ProducerRecord<>(
                                Topics.FRAMES, null, frame.cameraId(), i % 12 == 0 ? photo : blank, headers))
                        .get(10, TimeUnit.SECONDS);
                Thread.sleep(40);
            }
            Set<String> expected = Set.copyOf(frameIds);
            observations.await(frameIds.size(), WAIT, r -> expected.contains(frameIdOf(r)));
            List<ConsumerRecord<String, byte[]>> all = observations.drain(Duration.ofSeconds(3));
            Map<String, Integer> counts = new HashMap<>();
            all.stream()
                    .map(FrameWorkerTest::frameIdOf)
                    .filter(expected::contains)
                    .forEach(id -> counts.merge(id, 1, Integer::sum));
            assertThat(counts).hasSize(frameIds.size());
            assertThat(counts.values()).allMatch(count -> count == 1);
        }
        assertThat(workers).allSatisfy(worker -> assertThat(worker.partitions()).isNotEmpty());
        assertThat(workers.get(0).partitions())
                .doesNotContainAnyElementsOf(workers.get(1).partitions());
        assertThat(workers)
                .allSatisfy(worker -> assertThat(worker.observed()).isGreaterThan(before.get(worker.name())));
    }

    @Test
    @Slow
    void aWorkerJoiningAndLeavingMidStreamCausesNoDuplicates() throws Exception {
        byte[] blank = TestImages.blankJpeg(320, 240);
        List<String> cameras = camerasCoveringEveryPartition();
        List<String> frameIds = Collections.synchronizedList(new ArrayList<>());
        var streaming = new AtomicBoolean(true);
        String bootstrap = LocalKafkaResource.bootstrapServers();
        try (var observations = KafkaTestClient.readerFromEnd(Topics.FACE_OBSERVATIONS);
                KafkaProducer<String, byte[]> producer = KafkaTestClient.producer();
                KafkaProducer<String, byte[]> extraProducer = new KafkaProducer<>(
                        FrameWorkerPool.producerProperties(new KafkaClients(bootstrap, "face-inference")))) {
            Thread stream = new Thread(
                    () -> {
                        for (int i = 0; streaming.get(); i++) {
                            FrameMetadata frame = frame(cameras.get(i % cameras.size()), 320, 240);
                            var headers = new RecordHeaders();
                            frame.writeTo(headers);
                            producer.send(new ProducerRecord<>(Topics.FRAMES, null, frame.cameraId(), blank, headers));
                            frameIds.add(frame.frameId());
                            try {
                                Thread.sleep(40);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "test-stream");
            stream.start();

            // A third consumer in the service's group, built the way the pool builds its workers.
            var consumer = new KafkaConsumer<String, byte[]>(FrameWorkerPool.consumerProperties(
                    new KafkaClients(bootstrap, "face-inference"),
                    "face-inference",
                    "test-extra",
                    32,
                    Duration.ofSeconds(10)));
            FrameWorker extra = new FrameWorker(
                    "test-extra",
                    consumer,
                    extraProducer,
                    engine.pipeline().orElseThrow(),
                    metrics,
                    new FrameWorker.Settings(8, Duration.ofMillis(50), Duration.ofMinutes(10)),
                    retry);
            Thread extraThread = new Thread(extra, "test-extra");
            extraThread.start();
            awaitCondition(() -> extra.observed() >= 3, "the joining worker to take partitions and observe frames");
            extra.stop();
            extraThread.join(WAIT.toMillis());
            assertThat(extraThread.isAlive()).isFalse();
            assertThat(extra.failure()).isEmpty();
            long afterLeave =
                    pool.workers().stream().mapToLong(FrameWorker::observed).sum();
            awaitCondition(
                    () -> pool.workers().stream()
                                    .mapToLong(FrameWorker::observed)
                                    .sum()
                            >= afterLeave + 5,
                    "the remaining workers to take the partitions back");
            streaming.set(false);
            stream.join();
            producer.flush();

            Set<String> expected = Set.copyOf(frameIds);
            observations.await(expected.size(), WAIT, r -> expected.contains(frameIdOf(r)));
            Map<String, Integer> counts = new HashMap<>();
            observations.drain(Duration.ofSeconds(3)).stream()
                    .map(FrameWorkerTest::frameIdOf)
                    .filter(expected::contains)
                    .forEach(id -> counts.merge(id, 1, Integer::sum));
            assertThat(counts).hasSize(expected.size());
            assertThat(counts.entrySet())
                    .allSatisfy(entry ->
                            assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1));
        }
    }

    @Test
    void sendsTheBrokerDoesNotAcknowledgeAreRetriedInPlaceAndOnlyTheCorruptFrameIsDeadLettered() throws Exception {
        String bootstrap = LocalKafkaResource.bootstrapServers();
        AtomicInteger failuresLeft = new AtomicInteger(0);
        List<ProducerRecord<String, byte[]>> acknowledged = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<String, byte[]> real = new KafkaProducer<>(
                FrameWorkerPool.producerProperties(new KafkaClients(bootstrap, "face-inference")))) {
            // A worker of a group of its own (it sees every frame), whose first sends fail as with a broker away.
            Properties props = FrameWorkerPool.consumerProperties(
                    new KafkaClients(bootstrap, "face-inference"),
                    "test-retry-" + UUID.randomUUID(),
                    "test-retry",
                    32,
                    Duration.ofSeconds(10));
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            FrameWorker worker = new FrameWorker(
                    "test-retry",
                    new KafkaConsumer<>(props),
                    flaky(real, failuresLeft, acknowledged),
                    engine.pipeline().orElseThrow(),
                    metrics,
                    new FrameWorker.Settings(8, Duration.ofMillis(50), Duration.ofMinutes(10)),
                    retry);
            Thread thread = new Thread(worker, "test-retry");
            thread.start();
            try {
                awaitCondition(() -> worker.partitions().size() == 6, "the worker to own every partition");
                // Owning a partition is not yet having a position on it: "latest" is resolved on a later poll, and a
                // frame sent before that would be skipped. A frame seen through settles the camera's partition.
                FrameMetadata settle = frame("cam-flaky", 320, 240);
                send(settle, TestImages.blankJpeg(320, 240));
                awaitCondition(
                        () -> sent(acknowledged, Topics.FACE_OBSERVATIONS, settle.frameId()),
                        "the worker to take its position on the camera's partition");
                failuresLeft.set(4);
                FrameMetadata first = frame("cam-flaky", 320, 240);
                FrameMetadata corrupt = frame("cam-flaky", 1920, 1280);
                FrameMetadata second = frame("cam-flaky", 320, 240);
                send(first, TestImages.blankJpeg(320, 240));
                send(corrupt, Arrays.copyOf(TestImages.sampleBytes(2), 300));
                send(second, TestImages.blankJpeg(320, 240));

                // How the four failures fall across rounds depends on how the frames are polled: wait for all three.
                awaitCondition(
                        () -> sent(acknowledged, Topics.FACE_OBSERVATIONS, first.frameId())
                                && sent(acknowledged, Topics.FACE_OBSERVATIONS, second.frameId())
                                && sent(acknowledged, Topics.dlq(Topics.FRAMES), corrupt.frameId()),
                        "every frame to be handled once the broker takes sends again");
                assertThat(failuresLeft.get())
                        .as("every injected failure was met")
                        .isLessThanOrEqualTo(0);
                assertThat(sent(acknowledged, Topics.dlq(Topics.FRAMES), first.frameId()))
                        .isFalse();
                assertThat(sent(acknowledged, Topics.dlq(Topics.FRAMES), second.frameId()))
                        .isFalse();
                awaitCondition(() -> !retry.failing().containsKey("test-retry"), "the worker to count as going on");
                assertThat(worker.failure()).isEmpty();
            } finally {
                worker.stop();
                thread.join(WAIT.toMillis());
            }
        }
    }

    /** The producer, except that its next {@code failures} sends fail as when the broker does not answer. */
    @SuppressWarnings("unchecked")
    private static Producer<String, byte[]> flaky(
            KafkaProducer<String, byte[]> real,
            AtomicInteger failures,
            List<ProducerRecord<String, byte[]>> acknowledged) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(
                FrameWorkerTest.class.getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send") && args.length == 2) {
                        var record = (ProducerRecord<String, byte[]>) args[0];
                        var callback = (Callback) args[1];
                        if (failures.getAndDecrement() > 0) {
                            var error = new org.apache.kafka.common.errors.TimeoutException("injected: broker away");
                            callback.onCompletion(null, error);
                            return CompletableFuture.failedFuture(error);
                        }
                        return real.send(record, (meta, error) -> {
                            if (error == null) {
                                acknowledged.add(record);
                            }
                            callback.onCompletion(meta, error);
                        });
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Whether a record about the frame was acknowledged on the topic (an observation or a dead letter). */
    private static boolean sent(List<ProducerRecord<String, byte[]>> acknowledged, String topic, String frameId) {
        synchronized (acknowledged) {
            return acknowledged.stream()
                    .filter(r -> r.topic().equals(topic))
                    .anyMatch(r -> topic.equals(Topics.FACE_OBSERVATIONS)
                            ? EventJson.fromBytes(r.value(), FaceObservationEvent.class)
                                    .frameId()
                                    .equals(frameId)
                            : frameId.equals(new String(
                                    r.headers()
                                            .lastHeader(FrameHeaders.FRAME_ID)
                                            .value(),
                                    StandardCharsets.UTF_8)));
        }
    }

    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Camera ids whose records land on each of the six partitions of frames (default partitioner). */
    private static List<String> camerasCoveringEveryPartition() {
        Map<Integer, String> byPartition = new HashMap<>();
        for (int n = 0; byPartition.size() < 6; n++) {
            String key = "cam-stream-" + n;
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 6, key);
        }
        return List.copyOf(byPartition.values());
    }

    private static FrameMetadata frame(String cameraId, int width, int height) {
        return new FrameMetadata(
                "frame-" + UUID.randomUUID(),
                cameraId,
                "store-1",
                "entrance",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                System.nanoTime(),
                width,
                height);
    }

    private static void send(FrameMetadata frame, byte[] image) {
        var headers = new RecordHeaders();
        frame.writeTo(headers);
        Map<String, String> map = new HashMap<>();
        headers.forEach(h -> map.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        KafkaTestClient.send(Topics.FRAMES, frame.cameraId(), image, map);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> forFrame(String frameId) {
        return record -> frameId.equals(frameIdOf(record));
    }

    private static String frameIdOf(ConsumerRecord<String, byte[]> record) {
        return EventJson.fromBytes(record.value(), FaceObservationEvent.class).frameId();
    }
}
