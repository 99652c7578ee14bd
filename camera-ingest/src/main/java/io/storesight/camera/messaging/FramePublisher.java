package io.storesight.camera.messaging;

import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.camera.config.IngestConfig;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.contracts.FrameHeaders.FrameMetadata;

/** The service's one frame producer, shared by every camera (the Kafka client batches across them). */
@ApplicationScoped
public class FramePublisher implements FrameSink {
    private final KafkaFrameSink sink;

    public FramePublisher(KafkaClients kafka, IngestConfig config) {
        this.sink = new KafkaFrameSink(kafka, config.kafka());
    }

    @Override
    public void publish(FrameMetadata metadata, byte[] jpeg, Consumer<Exception> done) {
        sink.publish(metadata, jpeg, done);
    }

    @PreDestroy
    void close() {
        sink.close();
    }
}
