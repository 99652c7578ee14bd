package io.storesight.face.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import io.storesight.common.messaging.KafkaClients;

/** The consumer settings every worker gets: what the group sees of it, and how soon a dead one is replaced. */
class FrameWorkerPoolTest {
    private static final KafkaClients KAFKA = new KafkaClients("localhost:9092", "face-inference");

    @Test
    void aWorkersClientIdNamesItsGroupProcessAndThread() {
        Properties props = FrameWorkerPool.consumerProperties(
                KAFKA, "face-inference", FrameWorkerPool.INSTANCE + "-frame-worker-1", 32, Duration.ofSeconds(10));
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(FrameWorkerPool.INSTANCE).endsWith(pid).matches("[A-Za-z0-9.-]+");
        assertThat(props.getProperty(ConsumerConfig.CLIENT_ID_CONFIG))
                .isEqualTo("face-inference-" + FrameWorkerPool.INSTANCE + "-frame-worker-1");
    }

    @Test
    void aMemberThatStopsHeartbeatingLosesItsPartitionsAfterTheSessionTimeout() {
        Properties props = FrameWorkerPool.consumerProperties(KAFKA, "face-inference", "w", 32, Duration.ofSeconds(10));
        assertThat(props.getProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("10000");
        assertThat(props.getProperty(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG))
                .isEqualTo("3333");
        assertThat(props.getProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo("false");
    }
}
