package io.storesight.contracts;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter convention: a message that cannot be parsed or processed goes, unchanged, to
 * {@code <topic>.dlq} with the error and its origin in headers, and the consumer goes on with the next one. After a
 * fix, {@link #toOrigin} turns a dead letter back into the message it was, for a replay into its topic.
 *
 * <p>
 * Header names are the ones SmallRye Reactive Messaging's {@code dead-letter-queue} failure strategy writes, so
 * tools that read those read ours. The consumers call {@link #toDeadLetter} themselves, only for a message that can
 * never apply: a transient failure is retried, never dead-lettered (service-common's {@code InPlaceRetry}).
 */
public final class DeadLetters {
    /** Every header this convention adds starts with it (what a replay takes off again). */
    public static final String PREFIX = "dead-letter-";

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    public static final String ORIGIN_TOPIC = "dead-letter-topic";
    public static final String ORIGIN_PARTITION = "dead-letter-partition";
    public static final String ORIGIN_OFFSET = "dead-letter-offset";
    /** Which service sent it there (not written by SmallRye; set by our plain consumers). */
    public static final String ORIGIN_CONSUMER = "dead-letter-consumer";
    /** On a replayed message: the dead letter it came from, {@code <dlq topic>/<partition>@<offset>}. */
    public static final String REPLAYED_FROM = "replayed-from";

    /** The DLQ record for a message that failed: same key, value and headers, plus the error and origin. */
    public static <K, V> ProducerRecord<K, V> toDeadLetter(
            ConsumerRecord<K, V> failed, Throwable error, String consumer) {
        ProducerRecord<K, V> record =
                new ProducerRecord<>(Topics.dlq(failed.topic()), null, failed.key(), failed.value());
        for (Header header : failed.headers()) {
            record.headers().add(header);
        }
        put(record, REASON, error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        if (error.getCause() != null) {
            put(record, CAUSE, String.valueOf(error.getCause().getMessage()));
        }
        put(record, EXCEPTION_CLASS, error.getClass().getName());
        put(record, ORIGIN_TOPIC, failed.topic());
        put(record, ORIGIN_PARTITION, Integer.toString(failed.partition()));
        put(record, ORIGIN_OFFSET, Long.toString(failed.offset()));
        put(record, ORIGIN_CONSUMER, consumer);
        return record;
    }

    /**
     * The message a dead letter stands for, addressed to its origin topic: same key, value and original headers
     * (the dead-letter headers taken off), plus {@link #REPLAYED_FROM}.
     */
    public static <K, V> ProducerRecord<K, V> toOrigin(ConsumerRecord<K, V> dead) {
        Header origin = dead.headers().lastHeader(ORIGIN_TOPIC);
        String topic = origin != null
                ? new String(origin.value(), StandardCharsets.UTF_8)
                : dead.topic().endsWith(Topics.DLQ_SUFFIX)
                        ? dead.topic().substring(0, dead.topic().length() - Topics.DLQ_SUFFIX.length())
                        : dead.topic();
        ProducerRecord<K, V> record = new ProducerRecord<>(topic, null, dead.key(), dead.value());
        for (Header header : dead.headers()) {
            if (!header.key().startsWith(PREFIX) && !header.key().equals(REPLAYED_FROM)) {
                record.headers().add(header);
            }
        }
        put(record, REPLAYED_FROM, dead.topic() + "/" + dead.partition() + "@" + dead.offset());
        return record;
    }

    /** The stack trace as text, for logs; headers carry only messages. */
    public static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void put(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private DeadLetters() {}
}
