package io.storesight.face.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.common.messaging.KafkaClients;
import io.storesight.face.FaceEngine;
import io.storesight.face.FaceMetrics;
import io.storesight.face.config.FaceInferenceConfig;
import io.storesight.face.engine.FacePipeline;

/**
 * Runs {@code storesight.face.worker.count} {@link FrameWorker}s once the models are ready. They share one
 * idempotent producer (acks=all: an acknowledged observation is on every in-sync replica, and producer retries
 * never duplicate it) and each has its own consumer in the group, so instances and threads scale the same way.
 */
@ApplicationScoped
public class FrameWorkerPool {
    private static final Logger LOG = Logger.getLogger(FrameWorkerPool.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /**
     * This process among the group's members, in its workers' client ids: host name (the container's, in Docker)
     * and pid, so that {@code kafka-consumer-groups --describe} shows which instance holds which partitions.
     */
    static final String INSTANCE = instanceName();

    private final FaceInferenceConfig config;
    private final FaceEngine engine;
    private final FaceMetrics metrics;
    private final KafkaClients kafka;
    private final InPlaceRetry retry;
    private final List<FrameWorker> workers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private boolean stopped;

    public FrameWorkerPool(
            FaceInferenceConfig config,
            FaceEngine engine,
            FaceMetrics metrics,
            KafkaClients kafka,
            InPlaceRetry retry) {
        this.config = config;
        this.engine = engine;
        this.metrics = metrics;
        this.kafka = kafka;
        this.retry = retry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.worker().enabled()) {
            LOG.info("frame workers disabled (storesight.face.worker.enabled=false): REST analysis only");
            return;
        }
        engine.whenReady(this::start);
    }

    private synchronized void start(FacePipeline pipeline) {
        if (stopped) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties(kafka));
        var worker = config.worker();
        var settings = new FrameWorker.Settings(worker.batchFaces(), worker.batchMaxWait(), worker.maxFrameAge());
        for (int i = 0; i < worker.count(); i++) {
            String name = "frame-worker-" + i;
            var consumer = new KafkaConsumer<String, byte[]>(consumerProperties(
                    kafka, worker.groupId(), INSTANCE + "-" + name, worker.maxPollRecords(), worker.sessionTimeout()));
            FrameWorker frameWorker = new FrameWorker(name, consumer, producer, pipeline, metrics, settings, retry);
            Thread thread = new Thread(frameWorker, name);
            workers.add(frameWorker);
            threads.add(thread);
            thread.start();
        }
        LOG.infof("%d frame worker(s) consuming in group %s as %s", worker.count(), worker.groupId(), INSTANCE);
    }

    /** Workers finish the frames they hold and commit before the models are closed (FaceEngine's @PreDestroy). */
    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        workers.forEach(FrameWorker::stop);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    public List<FrameWorker> workers() {
        return List.copyOf(workers);
    }

    /**
     * {@code clientId} follows the service's name. {@code sessionTimeout}: how long the group waits for a member
     * that stopped heart-beating (a crashed or killed process) before its partitions go to the others.
     */
    public static Properties consumerProperties(
            KafkaClients kafka, String groupId, String clientId, int maxPollRecords, Duration sessionTimeout) {
        Properties props = kafka.consumer(clientId, groupId, true);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        // a third of the session, as Kafka advises: two missed heartbeats are not yet a dead member
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(sessionTimeout.toMillis() / 3));
        // A new group starts at the oldest retained frame; stale ones are skipped cheaply rather than lost unseen.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        // Adding a worker moves only the partitions it takes; the others keep running through the rebalance.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return props;
    }

    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "").replaceAll("[^A-Za-z0-9.]", "");
        long pid = ProcessHandle.current().pid();
        return host.isEmpty() ? Long.toString(pid) : host + "-" + pid;
    }

    public static Properties producerProperties(KafkaClients kafka) {
        Properties props = kafka.reliableProducer("observations", true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        // Dead letters carry the whole frame.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(8 * 1024 * 1024));
        return props;
    }
}
