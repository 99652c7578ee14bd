package io.storesight.common.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.storesight.common.rest.ApiException;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.Topics;

/**
 * The dead-letter topics of the topics a service consumes ({@code storesight.dead-letters.topics}): how many dead
 * letters wait in each (a gauge, {@code storesight.dead.letters.waiting}, so that a growing DLQ is seen), and the
 * replay that sends them back into their topic once the cause is fixed. A replay reads {@code <topic>.dlq} from where
 * the last replay stopped up to its end at the start of the replay, publishes each message to {@code <topic>} as it
 * was ({@link DeadLetters#toOrigin}), and commits its position (consumer group {@value #GROUP}) only once the broker
 * has acknowledged what it sent: a message is replayed once, and one that fails again lands in the DLQ anew. The
 * consumers are idempotent, so a replay interrupted between send and commit only sends a few messages twice.
 */
@Startup // the gauges exist from the start, not from the first replay
@ApplicationScoped
public class DeadLetterReplay {
    public static final String GROUP = "storesight-dlq-replay";
    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LONGEST_REPLAY = Duration.ofMinutes(2);
    /** The gauge asks the broker at most this often. */
    private static final Duration GAUGE_REFRESH = Duration.ofSeconds(5);

    /** A dead-letter topic and how many of its messages have not been replayed. */
    public record Status(String topic, String deadLetterTopic, long waiting) {}

    /** What a replay did. */
    public record Replayed(String topic, String deadLetterTopic, int replayed) {}

    private record Sample(double waiting, long at) {}

    private final DeadLetterConfig config;
    private final KafkaClients kafka;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Object adminLock = new Object();
    private Admin admin;

    public DeadLetterReplay(DeadLetterConfig config, KafkaClients kafka, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        for (String topic : topics()) {
            Gauge.builder("storesight.dead.letters.waiting", this, replay -> replay.sampled(topic))
                    .tag("topic", Topics.dlq(topic))
                    .description("Dead letters of the topic not replayed yet (the DLQ's backlog)")
                    .register(registry);
        }
    }

    public List<String> topics() {
        return config.topics().orElse(List.of());
    }

    public List<Status> status() {
        List<Status> out = new ArrayList<>();
        for (String topic : topics()) {
            out.add(new Status(topic, Topics.dlq(topic), waiting(topic)));
        }
        return out;
    }

    /** Replays the dead letters of {@code topic} not replayed yet into {@code topic}; returns how many. */
    public synchronized Replayed replay(String topic) {
        if (!topics().contains(topic)) {
            throw ApiException.notFound(
                    "no dead-letter topic for '" + topic + "' here (this service answers for " + topics() + ")");
        }
        String dlq = Topics.dlq(topic);
        Properties props = kafka.consumer("dlq-replay", GROUP, true);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        int replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props);
                KafkaProducer<String, byte[]> producer =
                        new KafkaProducer<>(kafka.reliableProducer("dlq-replay", true))) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, TIMEOUT).stream()
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + LONGEST_REPLAY.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ApiException(
                            503,
                            "replay of " + dlq + " took longer than " + LONGEST_REPLAY + " and stopped after "
                                    + replayed + " messages; run it again for the rest");
                }
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue; // dead-lettered after the replay began (perhaps by it): the next replay's
                    }
                    sends.add(producer.send(DeadLetters.toOrigin(record)));
                    next.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!next.isEmpty()) {
                    consumer.commitSync(next, TIMEOUT);
                }
                replayed += sends.size();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "replay of " + dlq + " interrupted after " + replayed + " messages");
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new ApiException(
                    503,
                    "replay of " + dlq + " failed after " + replayed + " messages: " + e.getMessage()
                            + "; run it again (what was sent is not sent twice)");
        }
        samples.remove(topic);
        LOG.infof("replayed %d dead letters of %s into %s", replayed, dlq, topic);
        return new Replayed(topic, dlq, replayed);
    }

    /** Messages of {@code <topic>.dlq} after the replay position (or after its oldest retained one). */
    public long waiting(String topic) {
        String dlq = Topics.dlq(topic);
        try {
            Admin client = admin();
            List<TopicPartition> partitions = client
                    .describeTopics(List.of(dlq))
                    .allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(dlq)
                    .partitions()
                    .stream()
                    .map(info -> new TopicPartition(dlq, info.partition()))
                    .toList();
            Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(client, partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(client, partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> replayed = client.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long waiting = 0;
            for (TopicPartition partition : partitions) {
                long from = earliest.get(partition).offset();
                OffsetAndMetadata position = replayed.get(partition);
                if (position != null) {
                    from = Math.max(from, position.offset());
                }
                waiting += Math.max(0, latest.get(partition).offset() - from);
            }
            return waiting;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while reading " + dlq);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new ApiException(503, "cannot read the offsets of " + dlq + ": " + e.getMessage());
        }
    }

    private double sampled(String topic) {
        long now = System.nanoTime();
        Sample sample = samples.get(topic);
        if (sample == null || now - sample.at() > GAUGE_REFRESH.toNanos()) {
            double value;
            try {
                value = waiting(topic);
            } catch (ApiException e) {
                value = sample == null ? Double.NaN : sample.waiting();
            }
            sample = new Sample(value, now);
            samples.put(topic, sample);
        }
        return sample.waiting();
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> offsets(
            Admin client, List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return client.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Admin admin() {
        synchronized (adminLock) {
            if (admin == null) {
                admin = Admin.create(kafka.admin("dlq-monitor"));
            }
            return admin;
        }
    }

    @PreDestroy
    void close() {
        synchronized (adminLock) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }
}
