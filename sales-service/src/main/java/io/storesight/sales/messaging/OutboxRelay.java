package io.storesight.sales.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storesight.contracts.ReliableProducer;
import io.storesight.sales.config.SalesConfig;
import io.storesight.sales.persistence.OutboxRepository;
import io.storesight.sales.persistence.OutboxRepository.OutboxRow;
import io.storesight.sales.persistence.WriteTransactions;

/**
 * Publishes committed outbox rows to Kafka and marks them sent. Delivery is at least once: a crash after the broker's
 * acknowledgement but before the mark re-sends the row with the same eventId (consumers skip it); a crash before
 * the publish loses nothing because the row stays unsent. Within one producer session the idempotent producer
 * (acks=all) keeps its own retries from duplicating or reordering records.
 *
 * <p>
 * One thread, woken after each commit and otherwise polling; a batch is sent asynchronously, flushed, and only the
 * rows before the first failure are marked, so an order's events are never marked out of order.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final WriteTransactions transactions;
    private final SalesConfig.Outbox config;
    private final String bootstrapServers;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile Thread worker;
    private volatile boolean running;

    public OutboxRelay(OutboxRepository outbox, WriteTransactions transactions, SalesConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry registry) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.config = config.outbox();
        this.bootstrapServers = bootstrapServers;
        this.published = Counter.builder("storesight.sales.outbox.published")
                .description("Order events published to Kafka and marked sent").register(registry);
        this.failures = Counter.builder("storesight.sales.outbox.publish.failures")
                .description("Publish attempts that failed and will be retried").register(registry);
        Gauge.builder("storesight.sales.outbox.pending", this, relay -> relay.outbox.backlog().pending())
                .description("Committed order events not yet published").register(registry);
        Gauge.builder("storesight.sales.outbox.lag", this, OutboxRelay::lagSeconds).baseUnit("seconds")
                .description("Age of the oldest committed order event not yet published (0 when none)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.warn("outbox relay disabled (storesight.sales.outbox.enabled=false): order events wait in the outbox");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts publishing with a fresh producer, as after a restart. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops publishing; unsent rows stay in the outbox for the next start. */
    public synchronized void stop() {
        running = false;
        Thread stopping = worker;
        worker = null;
        if (stopping != null) {
            // Let a batch in flight finish and be marked, so a clean stop leaves no duplicate for the next start;
            // but not for long: with the broker gone a send blocks up to max.block.ms, and stop must fit in a
            // container's stop timeout. An interrupted batch stays unsent and goes out after the next start.
            wake();
            try {
                stopping.join(Duration.ofSeconds(3).toMillis());
                if (stopping.isAlive()) {
                    stopping.interrupt();
                    stopping.join(Duration.ofSeconds(5).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        Thread current = worker;
        return running && current != null && current.isAlive();
    }

    /** Called after an order commits, so its event goes out now rather than at the next poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    public double lagSeconds() {
        Instant oldest = outbox.backlog().oldestCreatedAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }

    private void run() {
        KafkaProducer<String, byte[]> producer = null;
        try {
            while (running) {
                try {
                    if (producer == null) {
                        producer = newProducer();
                    }
                    List<OutboxRow> batch = outbox.pending(config.batchSize());
                    if (batch.isEmpty()) {
                        wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                        wakeups.drainPermits();
                        continue;
                    }
                    if (!publish(producer, batch)) {
                        // The producer may be fenced or stuck after an error; a fresh one starts a clean session.
                        producer.close(Duration.ZERO);
                        producer = null;
                        Thread.sleep(config.retryBackoff().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    failures.increment();
                    LOG.errorf(e, "outbox relay failed; retrying in %s", config.retryBackoff());
                    Thread.sleep(config.retryBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Returns false when some row could not be published (the rows before it are marked sent). */
    private boolean publish(KafkaProducer<String, byte[]> producer, List<OutboxRow> batch)
            throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (OutboxRow row : batch) {
            sends.add(producer.send(new ProducerRecord<>(row.topic(), row.key(),
                    row.payload().getBytes(StandardCharsets.UTF_8))));
        }
        producer.flush();
        List<Long> sent = new ArrayList<>(batch.size());
        Exception failure = null;
        for (int i = 0; i < sends.size() && failure == null; i++) {
            try {
                sends.get(i).get();
                sent.add(batch.get(i).id());
            } catch (ExecutionException e) {
                failure = e;
                failures.increment();
                LOG.warnf("cannot publish order event %s (%s); %d rows stay unsent until the broker takes them",
                        batch.get(i).eventId(), e.getCause().getMessage(), batch.size() - i);
            }
        }
        if (!sent.isEmpty()) {
            Instant now = Instant.now();
            transactions.inTransaction(() -> outbox.markSent(sent, now));
            published.increment(sent.size());
        }
        return failure == null;
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties props = ReliableProducer.properties(bootstrapServers, "sales-service-outbox", true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(props);
    }
}
