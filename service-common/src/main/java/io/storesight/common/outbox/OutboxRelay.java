package io.storesight.common.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.common.persistence.Writer;

/**
 * Publishes committed outbox rows to Kafka, in commit order, each with its event id in the {@value #EVENT_ID_HEADER}
 * header, and marks them sent once the broker acknowledged them. One thread: woken by every commit of the service's
 * {@link Writer} (so an event leaves milliseconds after its change commits), otherwise polling for rows a crash or a
 * failed send left behind.
 *
 * <p>
 * Delivery is at least once and in order: a batch is sent asynchronously and flushed, and only the rows before the
 * first failure are marked, so nothing is marked out of order; the rest are sent again, with a fresh producer (one
 * that failed may be fenced or stuck), after a back-off. A crash between the broker's acknowledgement and the mark
 * re-sends rows with the same event ids, which consumers skip. Sent rows are purged after {@code keep-sent}, in
 * bounded batches.
 */
@ApplicationScoped
@IfBuildProperty(name = "storesight.outbox.relay", stringValue = "true")
public class OutboxRelay {
    public static final String EVENT_ID_HEADER = "event-id";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final Writer writer;
    private final OutboxConfig config;
    private final KafkaClients kafka;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeups = new Semaphore(0);

    private volatile Thread worker;
    private volatile boolean running;
    private long lastPurge;

    public OutboxRelay(
            OutboxRepository outbox, Writer writer, OutboxConfig config, KafkaClients kafka, MeterRegistry registry) {
        this.outbox = outbox;
        this.writer = writer;
        this.config = config;
        this.kafka = kafka;
        this.published = Counter.builder("storesight.outbox.published")
                .description("Events published to Kafka and marked sent")
                .register(registry);
        this.failures = Counter.builder("storesight.outbox.publish.failures")
                .description("Publish attempts that failed and will be retried")
                .register(registry);
        Gauge.builder(
                        "storesight.outbox.pending",
                        this,
                        relay -> relay.outbox.backlog().pending())
                .description("Committed events not yet published")
                .register(registry);
        Gauge.builder("storesight.outbox.lag", this, OutboxRelay::lagSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest committed event not yet published (0 when none)")
                .register(registry);
        writer.onCommit(this::wake);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        } else {
            LOG.warn("outbox relay disabled (storesight.outbox.enabled=false): events wait in the outbox");
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

    /** Something committed: look at the outbox now rather than at the next poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    public double lagSeconds() {
        Long oldest = outbox.backlog().oldestCreatedAt();
        return oldest == null ? 0 : Math.max(0, (System.currentTimeMillis() - oldest) / 1000.0);
    }

    private void run() {
        KafkaProducer<String, byte[]> producer = null;
        boolean failing = false;
        try {
            while (running) {
                try {
                    purgeNow();
                    List<OutboxRepository.Row> batch = outbox.pending(config.batchSize());
                    if (batch.isEmpty()) {
                        wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                        wakeups.drainPermits();
                        continue;
                    }
                    if (producer == null) {
                        producer = newProducer();
                    }
                    if (publish(producer, batch)) {
                        if (failing) {
                            failing = false;
                            LOG.info("outbox relay publishing again");
                        }
                    } else {
                        failing = true;
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
                    LOG.warnf("outbox relay failed (%s); retrying in %s", e.getMessage(), config.retryBackoff());
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
    private boolean publish(KafkaProducer<String, byte[]> producer, List<OutboxRepository.Row> batch)
            throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (OutboxRepository.Row row : batch) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(row.topic(), row.key(), row.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EVENT_ID_HEADER, row.eventId().getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(record));
        }
        producer.flush();
        int acknowledged = 0;
        boolean complete = true;
        for (int i = 0; i < sends.size() && complete; i++) {
            try {
                sends.get(i).get();
                acknowledged++;
            } catch (ExecutionException e) {
                complete = false;
                failures.increment();
                LOG.warnf(
                        "cannot publish %s %s (%s); %d events stay unsent until the broker takes them",
                        batch.get(i).eventType(),
                        batch.get(i).eventId(),
                        e.getCause().getMessage(),
                        batch.size() - i);
            }
        }
        if (acknowledged > 0) {
            long upTo = batch.get(acknowledged - 1).seq();
            long now = System.currentTimeMillis();
            writer.run(afterCommit -> outbox.markSentUpTo(upTo, now));
            published.increment(acknowledged);
        }
        return complete;
    }

    private void purgeNow() {
        long now = System.currentTimeMillis();
        if (now - lastPurge < config.pollInterval().toMillis()) {
            return;
        }
        lastPurge = now;
        long cutoff = now - config.keepSent().toMillis();
        int purged;
        do {
            purged = writer.write(afterCommit -> outbox.purgeSent(cutoff, config.purgeBatch()));
        } while (purged == config.purgeBatch() && running);
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties props = kafka.reliableProducer("outbox", true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(props);
    }
}
