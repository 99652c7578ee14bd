package io.storesight.camera.messaging;

import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.storesight.camera.config.IngestConfig;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.contracts.Topics;

/**
 * Publishes frames with a plain producer tuned for frames rather than events: a frame is worth little a few seconds
 * later, so acks=1, a short delivery timeout and a short max.block.ms (a dead broker costs dropped frames, never a
 * blocked capture thread), bounded buffer memory, and no compression (JPEG does not compress further). One request
 * in flight keeps each camera's frames in order.
 */
public final class KafkaFrameSink implements FrameSink, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    /** @param kafka where the frames producer's base settings come from (acks=1, no idempotence) */
    public KafkaFrameSink(KafkaClients kafka, IngestConfig.Kafka tuning) {
        Properties props = kafka.framesProducer("frames");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(tuning.linger().toMillis()));
        props.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(tuning.maxBlock().toMillis()));
        props.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(tuning.requestTimeout().toMillis()));
        props.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(
                        tuning.deliveryTimeout().toMillis(),
                        tuning.linger().toMillis() + tuning.requestTimeout().toMillis())));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(tuning.bufferMemory()));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(tuning.maxRequestSize()));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public void publish(FrameMetadata metadata, byte[] jpeg, Consumer<Exception> done) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.FRAMES, metadata.cameraId(), jpeg);
        metadata.writeTo(record.headers());
        producer.send(record, (ignored, error) -> done.accept(error));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
