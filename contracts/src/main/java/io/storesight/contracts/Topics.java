package io.storesight.contracts;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.TopicConfig;

/**
 * StoreSight's Kafka topics (docs/events-and-topics.md), with the settings the local broker and compose's topic
 * script create them with (and bring an existing install to): partitions, how long records stay, and how soon they
 * really leave the disk.
 */
public final class Topics {
    public static final String FRAMES = "frames";
    public static final String FACE_OBSERVATIONS = "face-observations";
    public static final String FACE_IDENTITIES = "face-identities";
    public static final String VISITS = "visits";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String ORDERS = "orders";

    public static final String DLQ_SUFFIX = ".dlq";

    /**
     * Broker settings that retention depends on, for the local broker and compose's (as {@code KAFKA_*} variables).
     * The broker looks for segments past their retention every minute (Kafka's default is five), and removes a
     * deleted segment's files a minute later (Kafka's default, stated so that {@link TopicSpec#longestStay} holds).
     */
    public static final Map<String, String> BROKER = Map.of(
            "log.retention.check.interval.ms", "60000",
            "log.segment.delete.delay.ms", "60000");

    /** The largest segment file of a topic: a segment also closes once it holds this much. */
    private static final long SEGMENT_BYTES = 64L << 20;

    /**
     * A topic to create: name, partitions, retention, the age at which its open segment is closed, and whether the
     * broker writes each record to disk before acknowledging it.
     *
     * <p>
     * Kafka deletes whole segments only, once their newest record is past the retention, so a busy topic keeps a
     * record for up to retention + segment time: {@code segment} is what bounds it (Kafka's default is 7 days). A
     * single broker has no replica to fall back on, so the event topics, whose records the producers consider done
     * once acknowledged (the outbox marks them sent), are flushed record by record ({@code flush.messages=1}); they
     * carry a few events a second. Frames and observations are not: at a power cut the last seconds of a live
     * stream may go.
     */
    public record TopicSpec(String name, int partitions, Duration retention, Duration segment, boolean flushEach) {

        /** The topic configs to create it with and to bring an existing topic to. */
        public Map<String, String> configs() {
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis()));
            configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, Long.toString(SEGMENT_BYTES));
            if (flushEach) {
                configs.put(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, "1");
            }
            return configs;
        }

        /**
         * The longest a record can stay on the broker's disk: its segment may stay open for {@code segment} after
         * it, is deleted at the first retention check after its newest record passed the retention, and its files go
         * after the delete delay. Consumers that deduplicate must remember event ids for longer than this.
         */
        public Duration longestStay() {
            return retention
                    .plus(segment)
                    .plus(broker("log.retention.check.interval.ms"))
                    .plus(broker("log.segment.delete.delay.ms"));
        }

        private TopicSpec dlq() {
            return new TopicSpec(Topics.dlq(name), 1, retention, segment, flushEach);
        }
    }

    /**
     * Frames are raw images and observations carry descriptors: they must be off the disk within 15 minutes and 2
     * hours (docs/privacy.md). Face identities tie customers to camera times (who stood where, frame by frame): they
     * keep what frames keep. Visits and customer events name customers (labels, tiers, demographics): three days cover a long
     * weekend of analytics-api being down and bound how long an erased customer's earlier events stay on the broker.
     * Orders name no one; a week of them lets analytics catch up after a longer outage. Partitions of {@code frames}
     * bound how many face-inference workers can share the load.
     */
    private static final List<TopicSpec> SOURCES = List.of(
            new TopicSpec(FRAMES, 6, Duration.ofMinutes(10), Duration.ofMinutes(1), false),
            new TopicSpec(FACE_OBSERVATIONS, 6, Duration.ofHours(1), Duration.ofMinutes(10), false),
            new TopicSpec(FACE_IDENTITIES, 6, Duration.ofMinutes(10), Duration.ofMinutes(1), false),
            new TopicSpec(VISITS, 3, Duration.ofDays(3), Duration.ofHours(1), true),
            new TopicSpec(CUSTOMER_EVENTS, 1, Duration.ofDays(3), Duration.ofHours(1), true),
            new TopicSpec(ORDERS, 3, Duration.ofDays(7), Duration.ofDays(1), true));

    /** Every topic, each followed by its dead-letter topic (one partition, and its topic's settings: same data). */
    public static final List<TopicSpec> ALL =
            SOURCES.stream().flatMap(spec -> Stream.of(spec, spec.dlq())).toList();

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** The settings of a topic of {@link #ALL}. */
    public static TopicSpec spec(String topic) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(topic))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topic));
    }

    private static Duration broker(String setting) {
        return Duration.ofMillis(Long.parseLong(BROKER.get(setting)));
    }

    private Topics() {}
}
