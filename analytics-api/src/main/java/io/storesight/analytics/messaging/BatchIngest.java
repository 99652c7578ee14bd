package io.storesight.analytics.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.InvalidEventException;
import io.storesight.contracts.ReliableProducer;

/**
 * One transaction per polled batch (thousands of events per second instead of one commit each), with the
 * guarantees of the one-message pattern: each event is applied once (processed_events, in the same transaction),
 * a message that does not parse goes alone to {@code <topic>.dlq}, and when a batch fails the events are retried one
 * transaction each so that only the one that cannot be applied is dead-lettered.
 */
@ApplicationScoped
public class BatchIngest {
    private static final Logger LOG = Logger.getLogger(BatchIngest.class);

    /** SQLite has one writer; three consumers take turns here instead of spinning on SQLITE_BUSY. */
    private final ReentrantLock writer = new ReentrantLock();
    private final ProcessedEvents processedEvents;
    private final String bootstrapServers;
    private KafkaProducer<String, String> deadLetters;

    public BatchIngest(ProcessedEvents processedEvents,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.processedEvents = processedEvents;
        this.bootstrapServers = bootstrapServers;
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
        writer.lock();
        try {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    parsed.forEach(p -> applyOnce(p.event(), consumer, applier));
                    applier.complete().run();
                });
            } catch (RuntimeException batchFailure) {
                applier.abandon().run();
                LOG.warnf(batchFailure, "batch of %d %s events failed; applying them one by one", parsed.size(),
                        type.getSimpleName());
                for (Parsed<T> p : parsed) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> {
                            applyOnce(p.event(), consumer, applier);
                            applier.complete().run();
                        });
                    } catch (RuntimeException e) {
                        applier.abandon().run();
                        deadLetter(p.record(), e, consumer);
                    }
                }
            }
        } finally {
            writer.unlock();
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
            deadLetters = new KafkaProducer<>(ReliableProducer.properties(bootstrapServers, "analytics-api-dlq", false));
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
