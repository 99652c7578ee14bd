package io.storesight.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows topics from their current end in a background thread, keeping what arrives (with the local arrival time).
 * Used only to learn when the cameras' videos really started and for the benchmark's timings: the assertions of
 * the end-to-end test go through the services' REST APIs. Survives a broker restart (the client reconnects).
 */
final class TopicTail implements AutoCloseable {

    /** A record as seen here; {@code value} is kept only when asked for (frames are large). */
    record Seen(
            String topic,
            String key,
            String value,
            long recordTimestamp,
            long arrivedAt,
            org.apache.kafka.common.header.Headers headers) {

        String header(String name) {
            var header = headers.lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final boolean keepValues;
    private volatile boolean running = true;

    TopicTail(String bootstrapServers, List<String> topics, boolean keepValues) {
        this.keepValues = keepValues;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-tail-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::run, "e2e-topic-tail");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    String value = keepValues && record.value() != null
                            ? new String(record.value(), StandardCharsets.UTF_8)
                            : null;
                    seen.add(new Seen(record.topic(), record.key(), value, record.timestamp(), now, record.headers()));
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    List<Seen> seen(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** The first record matching the filter, waiting for it up to the timeout. */
    Seen first(Predicate<Seen> filter, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var match = seen.stream().filter(filter).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            ManagedProcess.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no " + what + " on Kafka within " + timeout);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
