package io.storesight.analytics.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.storesight.common.messaging.DeadLetterQueue;
import io.storesight.common.messaging.Failures;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.InvalidEventException;

/**
 * One transaction per polled batch (thousands of events per second instead of one commit each), with the
 * guarantees of the one-message pattern: each event is applied once (processed_events, in the same transaction),
 * a message that does not parse goes alone to {@code <topic>.dlq}, and when a batch fails for a reason of its own the
 * events are retried one transaction each so that only the one that cannot be applied is dead-lettered. A transient
 * failure (a locked database, an I/O error) is no reason of the batch: the batch is retried in place, as a whole,
 * until it goes through ({@link InPlaceRetry}), and the channel's offsets wait for it.
 */
@ApplicationScoped
public class BatchIngest {
    private static final Logger LOG = Logger.getLogger(BatchIngest.class);

    /** SQLite has one writer; the three consumers take turns through it instead of spinning on SQLITE_BUSY. */
    private final Writer writer;

    private final ProcessedEvents processedEvents;
    private final InPlaceRetry retry;
    private final DeadLetterQueue deadLetters;

    public BatchIngest(
            Writer writer, ProcessedEvents processedEvents, InPlaceRetry retry, DeadLetterQueue deadLetters) {
        this.writer = writer;
        this.processedEvents = processedEvents;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    private record Parsed<T>(ConsumerRecord<String, String> record, T event) {}

    /**
     * How one consumer applies its events: {@code complete} runs after a batch's events inside their transaction,
     * {@code abandon} after a rollback.
     */
    public record Applier<T>(Consumer<T> apply, Runnable complete, Runnable abandon) {}

    public <T extends Record & Event> void ingest(
            ConsumerRecords<String, String> records, Class<T> type, String consumer, Applier<T> applier) {
        List<Parsed<T>> parsed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                parsed.add(new Parsed<>(record, EventJson.fromJson(record.value(), type)));
            } catch (InvalidEventException e) {
                deadLetters.send(record, e, consumer);
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        boolean applied = retry.untilDone(consumer, () -> {
            try {
                transaction(parsed, consumer, applier);
                return true;
            } catch (RuntimeException batchFailure) {
                if (Failures.isTransient(batchFailure)) {
                    throw batchFailure;
                }
                LOG.warnf(
                        batchFailure,
                        "batch of %d %s events failed; applying them one by one",
                        parsed.size(),
                        type.getSimpleName());
                return false;
            }
        });
        if (applied) {
            return;
        }
        for (Parsed<T> p : parsed) {
            try {
                retry.run(consumer, () -> transaction(List.of(p), consumer, applier));
            } catch (RuntimeException e) {
                deadLetters.send(p.record(), e, consumer);
            }
        }
    }

    private <T extends Record & Event> void transaction(List<Parsed<T>> events, String consumer, Applier<T> applier) {
        try {
            writer.run(afterCommit -> {
                for (Parsed<T> p : events) {
                    if (processedEvents.firstDelivery(p.event().eventId(), consumer)) {
                        applier.apply().accept(p.event());
                    }
                }
                applier.complete().run();
            });
        } catch (RuntimeException e) {
            applier.abandon().run();
            throw e;
        }
    }
}
