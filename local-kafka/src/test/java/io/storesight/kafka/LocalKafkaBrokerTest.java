package io.storesight.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.InvalidEventException;
import io.storesight.contracts.Topics;

class LocalKafkaBrokerTest {

    @Test
    void createsEveryTopicWithItsPartitionsAndSettings() throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafkaResource.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                            Topics.ALL.stream().map(Topics.TopicSpec::name).toList())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            var configs = admin.describeConfigs(Topics.ALL.stream()
                            .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            for (Topics.TopicSpec spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                spec.configs()
                        .forEach((key, value) -> assertThat(config.get(key).value())
                                .as(spec.name() + " " + key)
                                .isEqualTo(value));
            }
        }
    }

    @Test
    void publishesAndConsumesThroughTheRealBroker() {
        try (var reader = KafkaTestClient.readerFromEnd(Topics.ORDERS)) {
            KafkaTestClient.send(Topics.ORDERS, "O-1", "{\"hello\":1}");
            List<ConsumerRecord<String, byte[]>> records = reader.await(1, Duration.ofSeconds(20));
            assertThat(records.get(0).key()).isEqualTo("O-1");
            assertThat(KafkaTestClient.text(records.get(0).value())).isEqualTo("{\"hello\":1}");
        }
    }

    @Test
    void deadLetterRecordLandsOnTheDlqTopicWithItsHeaders() {
        try (var source = KafkaTestClient.readerFromEnd(Topics.VISITS);
                var dlq = KafkaTestClient.readerFromEnd(Topics.dlq(Topics.VISITS))) {
            KafkaTestClient.send(Topics.VISITS, "C-1", "not json");
            ConsumerRecord<String, byte[]> failed =
                    source.await(1, Duration.ofSeconds(20)).get(0);
            try (KafkaProducer<String, byte[]> producer = KafkaTestClient.producer()) {
                producer.send(DeadLetters.toDeadLetter(failed, new InvalidEventException("malformed JSON"), "test"))
                        .get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            ConsumerRecord<String, byte[]> dead =
                    dlq.await(1, Duration.ofSeconds(20)).get(0);
            assertThat(KafkaTestClient.text(dead.value())).isEqualTo("not json");
            assertThat(KafkaTestClient.header(dead, DeadLetters.REASON)).isEqualTo("malformed JSON");
            assertThat(KafkaTestClient.header(dead, DeadLetters.ORIGIN_OFFSET))
                    .isEqualTo(Long.toString(failed.offset()));
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsRecords() throws Exception {
        Path dir = Files.createTempDirectory("kafka-restart-");
        int port = LocalKafkaBroker.freePort();
        int controllerPort = LocalKafkaBroker.freePort();
        try {
            try (LocalKafkaBroker broker =
                    LocalKafkaBroker.start(dir, port, controllerPort).withStoreSightTopics()) {
                Properties props = new Properties();
                props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                    producer.send(new ProducerRecord<>(Topics.ORDERS, "O-9", "kept"))
                            .get(20, TimeUnit.SECONDS);
                }
            }
            try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir, port, controllerPort);
                    Admin admin = Admin.create(
                            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                long records = admin
                        .listOffsets(Map.of(
                                new org.apache.kafka.common.TopicPartition(Topics.ORDERS, 0),
                                org.apache.kafka.clients.admin.OffsetSpec.latest(),
                                new org.apache.kafka.common.TopicPartition(Topics.ORDERS, 1),
                                org.apache.kafka.clients.admin.OffsetSpec.latest(),
                                new org.apache.kafka.common.TopicPartition(Topics.ORDERS, 2),
                                org.apache.kafka.clients.admin.OffsetSpec.latest()))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .values()
                        .stream()
                        .mapToLong(info -> info.offset())
                        .sum();
                assertThat(records).isEqualTo(1);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
