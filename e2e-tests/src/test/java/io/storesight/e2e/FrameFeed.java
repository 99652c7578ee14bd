package io.storesight.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.contracts.Topics;

/**
 * Camera frames published to {@code frames} as camera-ingest publishes them (the JPEG as value, the frame headers,
 * keyed by camera, so that one camera's frames stay in order on one partition), without cameras: for tests that
 * need a known number of frames at a known rate. Remembers the partition each frame went to.
 */
final class FrameFeed implements AutoCloseable {

    /** A frame as the broker acknowledged it. */
    record Sent(String frameId, String camera, int partition, Instant sentAt) {}

    private final KafkaProducer<String, byte[]> producer;
    private final List<byte[]> jpegs;
    private final int width;
    private final int height;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Sent> streamed = new CopyOnWriteArrayList<>();
    private volatile Thread stream;
    private volatile boolean streaming;

    /** {@code jpegs} are used in turn; all are {@code width}×{@code height}. */
    FrameFeed(String bootstrapServers, List<byte[]> jpegs, int width, int height) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.jpegs = List.copyOf(jpegs);
        this.width = width;
        this.height = height;
    }

    /**
     * Camera ids whose keys the default partitioner puts on partitions 0, 1, … {@code partitions − 1}, one each
     * (murmur2 of the key modulo the partition count, as the producer computes it).
     */
    static List<String> oneCameraPerPartition(int partitions) {
        String[] cameras = new String[partitions];
        int found = 0;
        for (int i = 1; found < partitions; i++) {
            String camera = "cam-" + i;
            int partition = Utils.toPositive(Utils.murmur2(camera.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (cameras[partition] == null) {
                cameras[partition] = camera;
                found++;
            }
        }
        return List.of(cameras);
    }

    /** {@code perCamera} frames from each camera, round-robin, as fast as the broker takes them. */
    List<Sent> sendRound(List<String> cameras, int perCamera) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<String[]> frames = new ArrayList<>();
        for (int n = 0; n < perCamera; n++) {
            for (String camera : cameras) {
                String frameId = "frame-" + UUID.randomUUID();
                acks.add(send(camera, frameId));
                frames.add(new String[] {frameId, camera});
            }
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            sent.add(new Sent(
                    frames.get(i)[0], frames.get(i)[1], await(acks.get(i)).partition(), Instant.now()));
        }
        return sent;
    }

    /** Starts publishing {@code framesPerSecond} frames, the cameras taking turns, until {@link #stopStream()}. */
    synchronized void startStream(List<String> cameras, double framesPerSecond) {
        if (stream != null) {
            throw new IllegalStateException("already streaming");
        }
        streaming = true;
        long periodNanos = (long) (1e9 / framesPerSecond);
        stream = new Thread(
                () -> {
                    long next = System.nanoTime();
                    for (int i = 0; streaming; i++) {
                        String camera = cameras.get(i % cameras.size());
                        String frameId = "frame-" + UUID.randomUUID();
                        streamed.add(new Sent(
                                frameId, camera, await(send(camera, frameId)).partition(), Instant.now()));
                        next += periodNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            ManagedProcess.sleep(Duration.ofNanos(wait));
                        }
                    }
                },
                "e2e-frame-feed");
        stream.setDaemon(true);
        stream.start();
    }

    /** Stops the stream; returns every frame it published. */
    synchronized List<Sent> stopStream() {
        streaming = false;
        if (stream != null) {
            try {
                stream.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stream = null;
        }
        return List.copyOf(streamed);
    }

    private Future<RecordMetadata> send(String camera, String frameId) {
        long seq = sequence.getAndIncrement();
        FrameMetadata metadata =
                new FrameMetadata(frameId, camera, "store-e2e", "entrance", Instant.now(), seq, width, height);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.FRAMES, camera, jpegs.get((int) (seq % jpegs.size())));
        metadata.writeTo(record.headers());
        return producer.send(record);
    }

    private static RecordMetadata await(Future<RecordMetadata> ack) {
        try {
            return ack.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take a frame", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopStream();
        producer.close(Duration.ofSeconds(10));
    }

    /** Frames per partition, for reports. */
    static Map<Integer, Long> perPartition(List<Sent> sent) {
        return sent.stream().collect(Collectors.groupingBy(Sent::partition, TreeMap::new, Collectors.counting()));
    }
}
