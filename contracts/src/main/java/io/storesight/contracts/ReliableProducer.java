package io.storesight.contracts;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer settings every event publisher shares: a record is only "sent" once all in-sync replicas have it,
 * and retries never duplicate or reorder (idempotence). Callers add their own timeouts and sizes. camera-ingest
 * does not use this on purpose: for live frames a lost one is better than a late one.
 */
public final class ReliableProducer {

    private ReliableProducer() {
    }

    /** String keys; values as {@code byte[]} ({@code bytesValues}) or {@code String}. */
    public static Properties properties(String bootstrapServers, String clientId, boolean bytesValues) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                (bytesValues ? ByteArraySerializer.class : StringSerializer.class).getName());
        return props;
    }
}
