package io.storesight.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.storesight.contracts.Topics;
import io.storesight.contracts.Topics.TopicSpec;
import io.storesight.testsupport.Slow;

/**
 * Retention on a real broker's disk: a throw-away broker with the production settings scaled down (seconds instead of
 * minutes), an install from before that had only a retention on {@code frames}, and frames written for a while.
 */
@Slow
class TopicRetentionTest {
    private static final Duration RETENTION = Duration.ofSeconds(4);
    private static final Duration SEGMENT = Duration.ofSeconds(1);

    @Test
    void anExistingFramesTopicGetsTodaysSettingsAndOldFrameSegmentsLeaveTheDisk() throws Exception {
        Path dir = Files.createTempDirectory("kafka-retention-");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(
                        dir,
                        0,
                        0,
                        Map.of("log.retention.check.interval.ms", "500", "log.segment.delete.delay.ms", "500"));
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // Before: frames kept 10 minutes in segments that close only after a week (Kafka's default).
            admin.createTopics(List.of(
                            new NewTopic(Topics.FRAMES, 1, (short) 1).configs(Map.of("retention.ms", "600000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            TopicSpec frames = new TopicSpec(Topics.FRAMES, 1, RETENTION, SEGMENT, false);
            assertThat(broker.createTopics(List.of(frames))).containsExactly(Topics.FRAMES);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.FRAMES)))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .iterator()
                    .next();
            assertThat(config.get("retention.ms").value()).isEqualTo("4000");
            assertThat(config.get("segment.ms").value()).isEqualTo("1000");
            assertThat(config.get("segment.bytes").value())
                    .isEqualTo(frames.configs().get("segment.bytes"));
            assertThat(broker.createTopics(List.of(frames)))
                    .as("settings already applied")
                    .isEmpty();

            Path partition = dir.resolve("logs").resolve(Topics.FRAMES + "-0");
            try (KafkaProducer<String, byte[]> producer = producer(broker)) {
                Written first = writeFrames(producer, partition);
                assertThat(segments(partition))
                        .as("segments closed by time while frames kept coming")
                        .hasSizeGreaterThan(1);
                awaitGone(first);
                long start = admin.listOffsets(Map.of(new TopicPartition(Topics.FRAMES, 0), OffsetSpec.earliest()))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .values()
                        .iterator()
                        .next()
                        .offset();
                assertThat(start).as("the log starts after the deleted frames").isPositive();

                // Kafka's first retention check comes 30 s after the broker starts; from then on it is periodic.
                Written steady = writeFrames(producer, partition);
                long goneAfter = awaitGone(steady);
                System.out.printf(
                        "TopicRetentionTest: retention %d ms, segment %d ms, check and delete delay 500 "
                                + "ms: a segment's files were gone %d ms after its last frame (first one after the broker's "
                                + "start: %d ms)%n",
                        RETENTION.toMillis(), SEGMENT.toMillis(), goneAfter, first.goneAfter());
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A segment file and when the last frame went into it. */
    private static final class Written {
        final Path segment;
        long lastWrite;
        long gone;

        Written(Path segment) {
            this.segment = segment;
        }

        long goneAfter() {
            return gone - lastWrite;
        }
    }

    /** Frames for three segment times; returns the segment that took the first of them. */
    private static Written writeFrames(KafkaProducer<String, byte[]> producer, Path partition) throws Exception {
        Written first = null;
        long until = System.currentTimeMillis() + 3 * SEGMENT.toMillis();
        while (System.currentTimeMillis() < until) {
            producer.send(new ProducerRecord<>(Topics.FRAMES, "cam-1", new byte[20_000]))
                    .get(10, TimeUnit.SECONDS);
            List<Path> now = segments(partition);
            Path newest = now.get(now.size() - 1);
            if (first == null) {
                first = new Written(newest);
            }
            if (newest.equals(first.segment)) {
                first.lastWrite = System.currentTimeMillis();
            }
            Thread.sleep(50);
        }
        return first;
    }

    /**
     * Waits until every file of the segment (log, indexes, and their {@code .deleted} copies that Kafka keeps for the
     * delete delay) is off the disk; returns how long after its last frame that was.
     */
    private static long awaitGone(Written written) throws Exception {
        String base = written.segment.getFileName().toString().replace(".log", ".");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!filesOf(written.segment.getParent(), base).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        written.gone = System.currentTimeMillis();
        assertThat(filesOf(written.segment.getParent(), base))
                .as("files of an old frames segment")
                .isEmpty();
        return written.goneAfter();
    }

    private static List<Path> filesOf(Path partition, String base) throws IOException {
        try (Stream<Path> files = Files.list(partition)) {
            // Producer-state snapshots share the naming but belong to the log as a whole.
            return files.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(name -> name.startsWith(base) && !name.contains(".snapshot"))
                    .map(partition::resolve)
                    .toList();
        }
    }

    private static List<Path> segments(Path partition) throws IOException {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
    }

    private static KafkaProducer<String, byte[]> producer(LocalKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
