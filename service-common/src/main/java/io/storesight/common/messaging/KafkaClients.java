package io.storesight.common.messaging;

import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where every plain Kafka client of a service gets its settings: the one bootstrap-servers setting
 * ({@code kafka.bootstrap.servers}, which SmallRye's channels read too), a client id naming the service and the
 * client's purpose, and the delivery guarantees of its kind. Callers add their own timeouts and sizes.
 */
@ApplicationScoped
public class KafkaClients {
    private final String bootstrapServers;
    private final String service;

    public KafkaClients(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.bootstrapServers = bootstrapServers;
        this.service = service;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * For events: a record counts as sent only once all in-sync replicas have it, and retries never duplicate or
     * reorder it (idempotence). String keys; {@code byte[]} values or strings.
     */
    public Properties reliableProducer(String purpose, boolean bytesValues) {
        Properties props = base(purpose);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                (bytesValues ? ByteArraySerializer.class : StringSerializer.class).getName());
        return props;
    }

    /**
     * For live camera frames: the leader's acknowledgement is enough and nothing is retried for long; a frame that
     * is late is worth less than a lost one.
     */
    public Properties framesProducer(String purpose) {
        Properties props = base(purpose);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** A consumer of a group that commits its offsets itself (after the work is safely done). */
    public Properties consumer(String purpose, String groupId, boolean bytesValues) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-" + purpose);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                (bytesValues ? ByteArrayDeserializer.class : StringDeserializer.class).getName());
        return props;
    }

    /** An admin client's settings (reading offsets and topic configs). */
    public Properties admin(String purpose) {
        return base(purpose);
    }

    private Properties base(String purpose) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-" + purpose);
        return props;
    }
}
