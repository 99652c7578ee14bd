package io.storesight.camera.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.storesight.camera.CameraRole;
import io.storesight.camera.CameraSettings;
import io.storesight.camera.CameraStatus;
import io.storesight.camera.TestMedia;
import io.storesight.camera.config.IngestConfig;
import io.storesight.camera.messaging.KafkaFrameSink;
import io.storesight.common.Backoff;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.kafka.LocalKafkaBroker;
import io.storesight.testsupport.Slow;

/**
 * A broker of its own on fixed ports, stopped and restarted under a running camera: frames are dropped and counted
 * while it is away, the queue never grows past its bound, and publishing resumes when it is back.
 */
@Slow
class BrokerOutageTest {
    private static final int QUEUE = 4;

    @Test
    void framesAreDroppedWhileTheBrokerIsAwayAndFlowAgainAfter() throws Exception {
        Frames.loadOpenCv();
        Path data = Files.createTempDirectory("camera-outage-kafka-");
        int port = freePort();
        int controllerPort = freePort();
        LocalKafkaBroker broker =
                LocalKafkaBroker.start(data, port, controllerPort).withStoreSightTopics();
        String bootstrap = broker.bootstrapServers();
        CameraSettings settings = new CameraSettings(
                "outage-cam",
                "Outage",
                "store-1",
                CameraRole.OTHER,
                TestMedia.imageFolder().toString(),
                10,
                320,
                80,
                false,
                0.5,
                true,
                10.0,
                false,
                "api");
        KafkaFrameSink sink = new KafkaFrameSink(new KafkaClients(bootstrap, "camera-ingest"), new Tuning());
        CameraWorker worker = new CameraWorker(
                settings,
                false,
                s -> new ImageFolderSource(Path.of(s.source()), s.playbackFps(), s.loop()),
                sink,
                new CameraWorker.Tuning(
                        QUEUE,
                        new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)),
                        3,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
        try {
            worker.start();
            awaitPublished(worker, 10, Duration.ofSeconds(30));

            broker.close();
            long publishedBefore = worker.published();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            CameraStatus status = worker.status();
            while ((status.publishErrors() == 0 || status.dropped() < 10) && System.nanoTime() < deadline) {
                assertThat(status.queued()).as("queue stays bounded").isLessThanOrEqualTo(QUEUE);
                Thread.sleep(100);
                status = worker.status();
            }
            assertThat(status.dropped())
                    .as("frames dropped while the broker is away")
                    .isGreaterThanOrEqualTo(10);
            assertThat(status.publishErrors()).isPositive();
            assertThat(status.lastError()).contains("publishing failed");
            assertThat(status.state().wireName()).isEqualTo("streaming");
            assertThat(worker.published()).isLessThanOrEqualTo(publishedBefore + QUEUE);

            broker = LocalKafkaBroker.start(data, port, controllerPort);
            long resumedFrom = worker.published();
            awaitPublished(worker, resumedFrom + 10, Duration.ofSeconds(60));

            // What was published after the restart is on the topic, in order.
            List<ConsumerRecord<String, byte[]>> records = readAll(bootstrap);
            List<Long> sequences = records.stream()
                    .filter(r -> "outage-cam".equals(r.key()))
                    .map(r -> FrameHeaders.FrameMetadata.readFrom(r.headers()).sequence())
                    .toList();
            assertThat(sequences)
                    .hasSizeGreaterThanOrEqualTo((int) (resumedFrom + 10))
                    .isSorted();
            assertThat(sequences.get(sequences.size() - 1)).isGreaterThan(sequences.size());
        } finally {
            worker.stop();
            sink.close();
            broker.close();
            broker.deleteData();
        }
    }

    private static void awaitPublished(CameraWorker worker, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (worker.published() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("published " + worker.published() + " of " + count + " within " + timeout
                        + "; status " + worker.status());
            }
            Thread.sleep(100);
        }
    }

    /** Everything on the frames topic, read by assignment (no consumer group: no rebalance to wait for). */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FRAMES, Duration.ofSeconds(15)).stream()
                    .map(info -> new TopicPartition(Topics.FRAMES, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Short timeouts so that the outage shows within seconds. */
    private static final class Tuning implements IngestConfig.Kafka {
        @Override
        public Duration linger() {
            return Duration.ofMillis(5);
        }

        @Override
        public Duration maxBlock() {
            return Duration.ofMillis(200);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration deliveryTimeout() {
            return Duration.ofSeconds(2);
        }

        @Override
        public long bufferMemory() {
            return 4L * 1024 * 1024;
        }

        @Override
        public int maxRequestSize() {
            return 4 * 1024 * 1024;
        }
    }
}
