package io.storesight.face.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storesight.common.Backoff;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.contracts.Topics;
import io.storesight.face.FaceMetrics;
import io.storesight.face.TestImages;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.DetectorMode;
import io.storesight.face.engine.EngineConfig;
import io.storesight.face.engine.FacePipeline;
import io.storesight.face.engine.Precision;
import io.storesight.face.messaging.FrameWorker;
import io.storesight.face.messaging.FrameWorkerPool;
import io.storesight.kafka.LocalKafkaBroker;

/**
 * One {@link FrameWorker} (as the service runs it: real consumer, idempotent producer, real models) against an
 * in-process broker. Prints sustained frames/s on a backlog, and publish-to-observation latency at a steady rate.
 * Run: {@code ./mvnw -o -pl face-inference -am test -DskipTests -Dbench=face-inference} (-Dbench.frames, -Dbench.rate,
 * -Dbench.workers: consumers in the group, as storesight.face.worker.count; -Dbench.batch: faces per batch, as
 * storesight.face.worker.batch-faces and storesight.face.engine.batch-size, default 8; -Dbench.precision: as
 * storesight.face.engine.precision, default INT8).
 * Broker, producer and the observation reader share the machine with the worker, as on a one-box store server.
 */
public final class WorkerBenchmark {
    private static final int CAMERAS = 6;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final KafkaProducer<String, byte[]> frames;
    private final Map<String, Long> published = new ConcurrentHashMap<>();
    private final Map<String, Long> observedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> facesByFrame = new ConcurrentHashMap<>();
    private volatile CountDownLatch expected = new CountDownLatch(0);

    private WorkerBenchmark(String bootstrap) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                "0",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(8 * 1024 * 1024),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName());
        frames = new KafkaProducer<>(props);
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.frames", 600);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "20"));
        int workerCount = Integer.getInteger("bench.workers", 1);
        int batchFaces = Integer.getInteger("bench.batch", 8);
        Precision precision = Precision.valueOf(System.getProperty("bench.precision", Precision.INT8.name()));
        System.setProperty("java.awt.headless", "true");
        Path data = Files.createTempDirectory("face-bench-kafka-");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(data, 0, 0).withStoreSightTopics();
                FacePipeline pipeline = FacePipeline.create(EngineConfig.defaults()
                        .withDetector(DetectorMode.AUTO)
                        .withBatchSize(batchFaces)
                        .withPrecision(precision))) {
            WorkerBenchmark bench = new WorkerBenchmark(broker.bootstrapServers());
            List<byte[]> crowd = bench.crowdFrames(pipeline);
            List<byte[]> samples = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                samples.add(TestImages.sampleBytes(i));
            }
            Thread reader = bench.startReader(broker.bootstrapServers());

            var producer = new KafkaProducer<String, byte[]>(
                    FrameWorkerPool.producerProperties(new KafkaClients(broker.bootstrapServers(), "face-inference")));
            var metrics = new FaceMetrics(new SimpleMeterRegistry());
            var retry = new InPlaceRetry(
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)),
                    Duration.ofMinutes(2),
                    new SimpleMeterRegistry());
            String group = "bench-" + UUID.randomUUID();
            List<FrameWorker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workerCount; i++) {
                var consumer = new KafkaConsumer<String, byte[]>(FrameWorkerPool.consumerProperties(
                        new KafkaClients(broker.bootstrapServers(), "face-inference"),
                        group,
                        "bench-" + i,
                        32,
                        Duration.ofSeconds(10)));
                var worker = new FrameWorker(
                        "bench-worker-" + i,
                        consumer,
                        producer,
                        pipeline,
                        metrics,
                        new FrameWorker.Settings(batchFaces, Duration.ofMillis(50), Duration.ofHours(1)),
                        retry);
                workers.add(worker);
                threads.add(new Thread(worker, worker.name()));
            }
            threads.forEach(Thread::start);
            System.out.printf(
                    "%d worker(s), 2 cores, batch %d faces / 50 ms, %s%n", workerCount, batchFaces, precision);

            bench.backlog(crowd.subList(0, 10), 10, "warm-up");
            double fps = bench.backlog(crowd, count, "throughput, 1280x720 frames with 1-3 faces");
            bench.backlog(samples, Math.max(60, count / 5), "throughput, sample photos 1920 px, 2-5 faces");
            // Latency means something only below capacity; on a busy machine capacity is what is left to us.
            double below = Math.min(rate, Math.floor(fps * 0.6 * 10) / 10);
            bench.steady(crowd, below, count / 2, "latency at " + below + " frames/s, 1-3 faces");

            workers.forEach(FrameWorker::stop);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            producer.close();
            bench.frames.close();
            reader.interrupt();
            reader.join(5_000);
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Publishes {@code n} frames at once and times how fast the worker drains them. The build machine is shared, so
     * the CPU time this process spent (worker, broker, producer and reader together) is printed too: frames per
     * CPU-second times 2 is what the 2 cores would give if this process had them to itself.
     */
    private double backlog(List<byte[]> images, int n, String label) throws InterruptedException {
        long cpuStart = OS.getProcessCpuTime();
        List<String> ids = new ArrayList<>();
        expected = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            ids.add(publish(images.get(i % images.size()), i));
        }
        frames.flush();
        if (!expected.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(label + ": only " + (n - expected.getCount()) + " of " + n + " observed");
        }
        long first = ids.stream().mapToLong(observedAt::get).min().orElseThrow();
        long last = ids.stream().mapToLong(observedAt::get).max().orElseThrow();
        long start = ids.stream().mapToLong(published::get).min().orElseThrow();
        double faces = ids.stream().mapToInt(facesByFrame::get).average().orElse(0);
        double cpuMsPerFrame = (OS.getProcessCpuTime() - cpuStart) / 1e6 / n;
        System.out.printf(
                "%-46s %4d frames %5.1f frames/s wall (first to last observation), %5.1f publish to last;"
                        + " %.2f faces/frame; %.1f CPU ms/frame = %.1f frames/s on 2 free cores; load avg %.1f%n",
                label,
                n,
                (n - 1) / ((last - first) / 1e9),
                n / ((last - start) / 1e9),
                faces,
                cpuMsPerFrame,
                2000 / cpuMsPerFrame,
                OS.getSystemLoadAverage());
        return (n - 1) / ((last - first) / 1e9);
    }

    /** Publishes at a fixed rate and reports publish-to-observation latency. */
    private void steady(List<byte[]> images, double rate, int n, String label) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        expected = new CountDownLatch(n);
        long period = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < n; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
                Thread.sleep(0, 200_000);
            }
            ids.add(publish(images.get(i % images.size()), i));
            next += period;
        }
        if (!expected.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(label + ": only " + (n - expected.getCount()) + " of " + n + " observed");
        }
        double[] millis = ids.stream()
                .mapToDouble(id -> (observedAt.get(id) - published.get(id)) / 1e6)
                .sorted()
                .toArray();
        System.out.printf(
                "%-46s %4d frames p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms; load avg %.1f%n",
                label,
                n,
                percentile(millis, 50),
                percentile(millis, 95),
                millis[millis.length - 1],
                OS.getSystemLoadAverage());
    }

    private String publish(byte[] image, int i) {
        String cameraId = "bench-cam-" + (i % CAMERAS);
        FrameMetadata frame = new FrameMetadata(
                "bench-" + UUID.randomUUID(),
                cameraId,
                "bench-store",
                "entrance",
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                i,
                0,
                0);
        var headers = new RecordHeaders();
        frame.writeTo(headers);
        published.put(frame.frameId(), System.nanoTime());
        frames.send(new ProducerRecord<>(Topics.FRAMES, null, cameraId, image, headers));
        return frame.frameId();
    }

    private Thread startReader(String bootstrap) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        var consumer = new KafkaConsumer<String, byte[]>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.FACE_OBSERVATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread thread = new Thread(
                () -> {
                    try (consumer) {
                        while (!Thread.currentThread().isInterrupted()) {
                            for (var record : consumer.poll(Duration.ofMillis(20))) {
                                long now = System.nanoTime();
                                var event = EventJson.fromBytes(record.value(), FaceObservationEvent.class);
                                if (observedAt.putIfAbsent(event.frameId(), now) == null) {
                                    facesByFrame.put(
                                            event.frameId(), event.faces().size());
                                    expected.countDown();
                                }
                            }
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-reader");
        thread.start();
        return thread;
    }

    /**
     * 1280x720 store-camera-like frames holding 1, 2 or 3 real faces cut from the sample photos (with their hair and
     * shoulders) on a plain background, each face box 110-190 px wide. Checked with the engine before use.
     */
    private List<byte[]> crowdFrames(FacePipeline pipeline) {
        List<BufferedImage> heads = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            byte[] jpeg = TestImages.sampleBytes(s);
            BufferedImage photo = TestImages.decode(jpeg);
            for (DetectedFace face : pipeline.analyze(jpeg).faces()) {
                var b = face.box();
                heads.add(TestImages.crop(photo, b.x(), b.y(), b.width(), b.height(), 0.5f));
            }
        }
        Random random = new Random(42);
        List<byte[]> out = new ArrayList<>();
        int[] wanted = new int[30];
        int[] found = new int[30];
        for (int i = 0; i < 30; i++) {
            int k = 1 + i % 3;
            BufferedImage frame = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = frame.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setPaint(new GradientPaint(
                    0,
                    0,
                    new Color(90 + random.nextInt(60), 100, 110),
                    1280,
                    720,
                    new Color(180, 170, 150 + random.nextInt(60))));
            g.fillRect(0, 0, 1280, 720);
            for (int j = 0; j < k; j++) {
                BufferedImage head = heads.get(random.nextInt(heads.size()));
                double faceWidth = 110 + random.nextInt(80);
                double scale = faceWidth / (head.getWidth() / 2.0);
                int w = (int) (head.getWidth() * scale);
                int h = (int) (head.getHeight() * scale);
                int slot = 1280 / k;
                int x = j * slot + Math.max(0, (slot - w) / 2);
                int y = 60 + random.nextInt(Math.max(1, 720 - h - 60));
                g.drawImage(head, x, y, w, h, null);
            }
            g.dispose();
            byte[] jpeg = TestImages.encode(frame, "jpg");
            wanted[i] = k;
            found[i] = pipeline.analyze(jpeg).faces().size();
            out.add(jpeg);
        }
        long exact = java.util.stream.IntStream.range(0, 30)
                .filter(i -> wanted[i] == found[i])
                .count();
        System.out.printf(
                "generated 30 frames 1280x720 with 1-3 faces: engine finds %s faces (%d of 30 exact), "
                        + "%.0f KB mean JPEG%n",
                Arrays.stream(found).boxed().map(String::valueOf).collect(Collectors.joining(",")),
                exact,
                out.stream().mapToInt(b -> b.length).average().orElse(0) / 1024);
        return out;
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
