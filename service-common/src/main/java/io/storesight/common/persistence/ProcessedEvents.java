package io.storesight.common.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.contracts.Topics;

/**
 * The message log that makes consumers idempotent (the Debezium outbox example's pattern): inside the consumer's
 * transaction, {@link #firstDelivery} records the event id and says whether it was new. A redelivered event finds its
 * id and is skipped; a rolled-back transaction leaves no id behind, so the event is retried. Ids older than what a
 * topic can still redeliver are purged in bounded batches ({@link #purgeBefore}).
 *
 * <p>
 * Every service with a consumer has the table: {@code processed_events (event_id TEXT PRIMARY KEY, consumer TEXT
 * NOT NULL, processed_at TEXT NOT NULL, processed_ms INTEGER)} with an index on {@code processed_ms}.
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final int PURGE_BATCH = 5_000;

    private final Jdbc jdbc;
    private final Writer writer;

    public ProcessedEvents(Jdbc jdbc, Writer writer) {
        this.jdbc = jdbc;
        this.writer = writer;
    }

    /** Must run inside the transaction that applies the event's effects. */
    public boolean firstDelivery(String eventId, String consumer) {
        long now = System.currentTimeMillis();
        return jdbc.update(
                        "INSERT OR IGNORE INTO processed_events (event_id, consumer, processed_at, processed_ms) "
                                + "VALUES (?, ?, ?, ?)",
                        consumer + ":" + eventId,
                        consumer,
                        Instant.ofEpochMilli(now).toString(),
                        now)
                == 1;
    }

    /**
     * Forgets the ids recorded more than {@code keep} ago, a few thousand per write transaction so that consumers
     * are never held up for long. {@code keep} must exceed how long the consumed topics can still redeliver an
     * event (their retention). Returns how many went.
     */
    public int purgeOlderThan(Duration keep) {
        long cutoff = System.currentTimeMillis() - keep.toMillis();
        return writer.inBatches(
                PURGE_BATCH, limit -> jdbc.purge("processed_events", "processed_ms", cutoff, limit, null));
    }

    /**
     * Refuses a {@code keep} that is not longer than the consumed topics can hold a record
     * ({@link Topics.TopicSpec#longestStay}): a redelivered event would then be applied twice. Services call it at
     * start with their setting and topics.
     */
    public static void requireLongerThanTopics(String setting, Duration keep, List<String> topics) {
        for (String topic : topics) {
            Duration stay = Topics.spec(topic).longestStay();
            if (keep.compareTo(stay) <= 0) {
                throw new IllegalStateException(setting + " is " + keep + " but " + topic + " can hold a record for "
                        + stay + ": set it longer, or redelivered events would be applied twice");
            }
        }
    }
}
