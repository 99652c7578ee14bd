package io.storesight.contracts;

import java.time.Duration;
import java.util.List;

/** StoreSight's Kafka topics (docs/events-and-topics.md), with the partitions and retention the brokers get. */
public final class Topics {
    public static final String FRAMES = "frames";
    public static final String FACE_OBSERVATIONS = "face-observations";
    public static final String VISITS = "visits";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String ORDERS = "orders";

    public static final String DLQ_SUFFIX = ".dlq";

    /** A topic to create: name, partitions, retention (null = broker default). */
    public record TopicSpec(String name, int partitions, Duration retention) {
    }

    /**
     * Frames are raw images and observations carry descriptors, so both keep only minutes to an hour
     * (docs/privacy.md). Partitions of {@code frames} bound how many face-inference workers can share the load.
     */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(FRAMES, 6, Duration.ofMinutes(10)),
            new TopicSpec(FACE_OBSERVATIONS, 6, Duration.ofHours(1)),
            new TopicSpec(VISITS, 3, null),
            new TopicSpec(CUSTOMER_EVENTS, 1, null),
            new TopicSpec(ORDERS, 3, null),
            new TopicSpec(dlq(FRAMES), 1, Duration.ofMinutes(10)),
            new TopicSpec(dlq(FACE_OBSERVATIONS), 1, Duration.ofHours(1)),
            new TopicSpec(dlq(VISITS), 1, null),
            new TopicSpec(dlq(CUSTOMER_EVENTS), 1, null),
            new TopicSpec(dlq(ORDERS), 1, null));

    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
