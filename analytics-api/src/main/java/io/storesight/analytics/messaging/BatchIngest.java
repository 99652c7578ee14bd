package io.storesight.analytics.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import io.storesight.common.messaging.KafkaClients;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.InvalidEventException;

/**
 * One transaction per polled batch (thousands of events per second instead of one commit each), with the
 * guarantees of the one-message pattern: each event is applied once (processed_events, in the same transaction),
 * a message that does not parse goes alone to {@code <topic>.dlq}, and when a batch fails the events are retried one
 * transaction each so that only the one that cannot be applied is dead-lettered.
 */
@ApplicationScoped
public class BatchIngest {
    private static final Logger LOG = Logger.getLogger(BatchIngest.class);

    /** SQLite has one writer; the three consumers take turns through it instead of spinning on SQLITE_BUSY. */
    private final Writer writer;
    private final ProcessedEvents processedEvents;
    private final KafkaClients kafka;
    private KafkaProducer<String, String> deadLetters;

    public BatchIngest(Writer writer, ProcessedEvents processedEvents, KafkaClients kafka) {
        this.writer = writer;
        this.processedEvents = processedEvents;
        this.kafka = kafka;
    }

    private record Parsed<T>(ConsumerRecord<String, String> record, T event) {
    }

    /**
     * How one consumer applies its events: {@code complete} runs after a batch's events inside their transaction,
     * {@code abandon} after a rollback.
     */
    public record Applier<T>(Consumer<T> apply, Runnable complete, Runnable abandon) {
    }

    public <T extends Record & Event> void ingest(ConsumerRecords<String, String> records, Class<T> type,
            String consumer, Applier<T> applier) {
        List<Parsed<T>> parsed = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                parsed.add(new Parsed<>(record, EventJson.fromJson(record.value(), type)));
            } catch (InvalidEventException e) {
                deadLetter(record, e, consumer);
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        try {
            writer.run(afterCommit -> {
                parsed.forEach(p -> applyOnce(p.event(), consumer, applier));
                applier.complete().run();
            });
        } catch (RuntimeException batchFailure) {
            applier.abandon().run();
            LOG.warnf(batchFailure, "batch of %d %s events failed; applying them one by one", parsed.size(),
                    type.getSimpleName());
            for (Parsed<T> p : parsed) {
                try {
                    writer.run(afterCommit -> {
                        applyOnce(p.event(), consumer, applier);
                        applier.complete().run();
                    });
                } catch (RuntimeException e) {
                    applier.abandon().run();
                    deadLetter(p.record(), e, consumer);
                }
            }
        }
    }

    private <T extends Record & Event> void applyOnce(T event, String consumer, Applier<T> applier) {
        if (processedEvents.firstDelivery(event.eventId(), consumer)) {
            applier.apply().accept(event);
        }
    }

    /** Waits for the broker's ack: the batch's offsets are committed only after its poison is safe in the DLQ. */
    private void deadLetter(ConsumerRecord<String, String> record, Exception error, String consumer) {
        if (error instanceof InvalidEventException) {
            LOG.warnf("dead-lettering %s[%d]@%d: %s", record.topic(), record.partition(), record.offset(),
                    error.getMessage());
        } else {
            LOG.errorf(error, "dead-lettering %s[%d]@%d", record.topic(), record.partition(), record.offset());
        }
        try {
            producer().send(DeadLetters.toDeadLetter(record, error, consumer)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + record.topic() + ".dlq: " + e.getMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(kafka.reliableProducer("dlq", false));
        }
        return deadLetters;
    }

    @PreDestroy
    synchronized void close() {
        if (deadLetters != null) {
            deadLetters.close(java.time.Duration.ofSeconds(5));
        }
    }
}
