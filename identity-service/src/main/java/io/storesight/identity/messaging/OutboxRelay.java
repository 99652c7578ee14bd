package io.storesight.identity.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.storesight.contracts.ReliableProducer;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.OutboxRepository;
import io.storesight.identity.persistence.OutboxRepository.Entry;

/**
 * Moves outbox rows to Kafka in commit order with an idempotent producer (acks=all), and deletes them only after the
 * broker acknowledged them. A crash in between re-sends the same events with the same ids: consumers skip them.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final String EVENT_ID_HEADER = "event-id";

    private final OutboxRepository outbox;
    private final IdentityConfig config;
    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;
    private volatile boolean failing;

    public OutboxRelay(OutboxRepository outbox, IdentityConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.outbox = outbox;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    // Quarkus' simple scheduler fires at most once a second; a finer every() only logs a warning and runs at 1 s.
    @Scheduled(every = "1s", delay = 1, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            int relayed;
            do {
                relayed = relayBatch();
            } while (relayed == config.outboxBatchSize());
            if (failing) {
                failing = false;
                LOG.info("outbox relay recovered");
            }
        } catch (RuntimeException e) {
            // Once per outage, not every second: the rows stay in the outbox until Kafka takes them.
            if (!failing) {
                failing = true;
                LOG.warnf("outbox relay cannot publish, retrying: %s", e.getMessage());
            }
        }
    }

    /** Sends one batch; returns how many rows it relayed. */
    synchronized int relayBatch() {
        List<Entry> batch = outbox.next(config.outboxBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (Entry entry : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(entry.topic(), entry.key(), entry.payload());
            record.headers().add(EVENT_ID_HEADER, entry.eventId().getBytes(StandardCharsets.UTF_8));
            sent.add(producer().send(record));
        }
        try {
            for (Future<RecordMetadata> ack : sent) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying the outbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch: " + e.getMessage(), e);
        }
        outbox.deleteUpTo(batch.get(batch.size() - 1).seq());
        return batch.size();
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = ReliableProducer.properties(bootstrapServers, "identity-service-outbox", false);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
