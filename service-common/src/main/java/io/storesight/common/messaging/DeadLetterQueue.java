package io.storesight.common.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.InvalidEventException;

/**
 * Sends a message that can never be applied to {@code <topic>.dlq} (contracts' {@link DeadLetters} convention) and
 * waits for the broker's acknowledgement, so that the consumer moves its offset past the message only once the dead
 * letter is safe. A send that fails is retried in place ({@link InPlaceRetry}): the message is never dropped.
 */
@ApplicationScoped
public class DeadLetterQueue {
    private static final Logger LOG = Logger.getLogger(DeadLetterQueue.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients kafka;
    private final InPlaceRetry retry;
    private final MeterRegistry registry;
    private KafkaProducer<String, String> producer;

    public DeadLetterQueue(KafkaClients kafka, InPlaceRetry retry, MeterRegistry registry) {
        this.kafka = kafka;
        this.retry = retry;
        this.registry = registry;
    }

    /** Dead-letters {@code record}, which {@code consumer} failed to apply with {@code error}. */
    public void send(ConsumerRecord<String, String> record, Throwable error, String consumer) {
        if (Thread.currentThread().isInterrupted()) {
            // The service is stopping and the work was cut short: that says nothing about the message.
            throw new IllegalStateException(
                    "interrupted; " + record.topic() + "@" + record.offset() + " stays where it is", error);
        }
        if (error instanceof InvalidEventException) {
            LOG.warnf(
                    "dead-lettering %s[%d]@%d: %s",
                    record.topic(), record.partition(), record.offset(), error.getMessage());
        } else {
            LOG.errorf(error, "dead-lettering %s[%d]@%d", record.topic(), record.partition(), record.offset());
        }
        retry.run(consumer, () -> sendOnce(record, error, consumer));
        Counter.builder("storesight.dead.letters.sent")
                .tag("topic", record.topic())
                .description("Messages this service sent to the topic's dead-letter topic")
                .register(registry)
                .increment();
    }

    private void sendOnce(ConsumerRecord<String, String> record, Throwable error, String consumer) {
        try {
            producer()
                    .send(DeadLetters.toDeadLetter(record, error, consumer))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            // A fresh producer for the next attempt: one that failed may be stuck or fenced.
            closeProducer(Duration.ZERO);
            throw new TransientFailure("cannot write to " + record.topic() + ".dlq: " + e.getMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.reliableProducer("dlq", false));
        }
        return producer;
    }

    private synchronized void closeProducer(Duration timeout) {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }

    @PreDestroy
    void close() {
        closeProducer(Duration.ofSeconds(5));
    }
}
