package io.storesight.camera.messaging;

import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.storesight.camera.config.IngestConfig;
import io.storesight.contracts.FrameHeaders.FrameMetadata;

/** The service's one frame producer, shared by every camera (the Kafka client batches across them). */
@ApplicationScoped
public class FramePublisher implements FrameSink {
    private final KafkaFrameSink sink;

    public FramePublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            IngestConfig config) {
        this.sink = new KafkaFrameSink(bootstrapServers, config.kafka());
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
