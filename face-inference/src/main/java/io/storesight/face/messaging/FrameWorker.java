package io.storesight.face.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.jboss.logging.Logger;

import io.storesight.common.messaging.Failures;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.common.messaging.TransientFailure;
import io.storesight.contracts.DeadLetters;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.FrameHeaders.FrameMetadata;
import io.storesight.contracts.InvalidEventException;
import io.storesight.contracts.Topics;
import io.storesight.face.FaceBatchPolicy;
import io.storesight.face.FaceEngine;
import io.storesight.face.FaceMetrics;
import io.storesight.face.Observations;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.FacePipeline;

/**
 * One consumer of {@code frames} in the face-inference group, run on its own thread. Frames are batched across
 * partitions, analysed together, and each yields exactly one observation (or one dead letter). Offsets move only
 * after the broker has acknowledged everything sent for the frames they cover, so a crash re-delivers frames
 * (same event ids; identity-service deduplicates) and never loses one. Only a frame that can never be analysed is
 * dead-lettered: a send the broker did not acknowledge, or an analysis that failed transiently (an I/O error), rewinds
 * the partitions to the first frame not done and tries again after {@link InPlaceRetry}'s back-off.
 */
public final class FrameWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(FrameWorker.class);
    static final String CONSUMER_NAME = "face-inference";
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    /** What a worker needs to know besides its clients. */
    public record Settings(int batchFaces, Duration batchMaxWait, Duration maxFrameAge) {}

    /**
     * A record taken from Kafka, kept in arrival order until its batch is done so that offsets are committed only
     * behind frames that are finished. {@code rejected} is set for a frame that cannot be analysed at all.
     */
    private record Frame(
            ConsumerRecord<String, byte[]> record,
            FrameMetadata metadata,
            RuntimeException rejected,
            boolean stale,
            long polledAtNanos) {
        boolean analysable() {
            return rejected == null && !stale;
        }
    }

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final FacePipeline pipeline;
    private final FaceMetrics metrics;
    private final Settings settings;
    private final FaceBatchPolicy batch;
    private final Map<String, String> modelVersions;
    private final InPlaceRetry retry;

    private final List<Frame> pending = new ArrayList<>();
    /** Next offset to commit per partition, for frames handled (sent, maybe not yet acknowledged). */
    private final Map<TopicPartition, Long> resolved = new HashMap<>();
    /** Per owned partition, the offset the group has committed: where a retry starts again. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    private final List<Future<RecordMetadata>> unacknowledged = new ArrayList<>();
    private final AtomicLong observed = new AtomicLong();
    private volatile boolean running = true;
    private volatile String failure;
    private volatile Set<TopicPartition> partitions = Set.of();
    /** The transient failure of this round, if any: the loop waits before it polls the rewound frames again. */
    private Throwable retryAfter;

    public FrameWorker(
            String name,
            Consumer<String, byte[]> consumer,
            Producer<String, byte[]> producer,
            FacePipeline pipeline,
            FaceMetrics metrics,
            Settings settings,
            InPlaceRetry retry) {
        this.name = name;
        this.consumer = consumer;
        this.producer = producer;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.settings = settings;
        this.batch = new FaceBatchPolicy(settings.batchFaces(), settings.batchMaxWait());
        this.modelVersions = FaceEngine.modelVersions(pipeline.config().precision());
        this.retry = retry;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.FRAMES), new Rebalance());
            while (running) {
                var records = consumer.poll(batch.patience(System.nanoTime()));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (retryAfter != null) {
                        break; // rewound: the rest of this poll is read again
                    }
                    accept(record);
                    if (batch.full()) {
                        analysePending();
                    }
                }
                if (batch.due(System.nanoTime()) || pending.stream().noneMatch(Frame::analysable)) {
                    analysePending();
                }
                commitResolved();
                reportLag();
                pauseAfterFailure();
            }
            // Graceful stop: what was taken from Kafka is finished and committed before the consumer leaves.
            analysePending();
            commitResolved();
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.errorf(e, "%s stopped on an unexpected error; uncommitted frames go to another worker", name);
            // Nothing half-done may be committed by the revocation that close() triggers.
            pending.clear();
            clearResolved();
        } finally {
            metrics.workerStopped(name);
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(10)));
        }
    }

    /** Asks the loop to finish in-flight frames, commit and close; returns at once. */
    public void stop() {
        running = false;
    }

    public String name() {
        return name;
    }

    /** Observations this worker has had acknowledged. */
    public long observed() {
        return observed.get();
    }

    /** Why this worker died, if it did: liveness turns DOWN so that the orchestrator restarts the instance. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The partitions this worker reads now. */
    public Set<TopicPartition> partitions() {
        return partitions;
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        long now = System.nanoTime();
        FrameMetadata metadata;
        try {
            metadata = FrameMetadata.readFrom(record.headers());
            if (record.value() == null || record.value().length == 0) {
                throw new InvalidEventException("frame " + metadata.frameId() + " has no image bytes");
            }
        } catch (InvalidEventException e) {
            pending.add(new Frame(record, null, e, false, now));
            return;
        }
        Duration age = Duration.between(metadata.captureTime(), Instant.now());
        boolean stale = age.compareTo(settings.maxFrameAge()) > 0;
        pending.add(new Frame(record, metadata, null, stale, now));
        if (!stale) {
            batch.added(metadata.cameraId(), now);
        }
    }

    private void analysePending() {
        if (pending.isEmpty()) {
            return;
        }
        List<Frame> frames = List.copyOf(pending);
        pending.clear();
        batch.flushed();
        List<Frame> analysable = frames.stream().filter(Frame::analysable).toList();
        Map<Frame, FaceAnalysis> analyses = new IdentityHashMap<>();
        if (!analysable.isEmpty()) {
            metrics.batch(analysable.size());
            try {
                List<FaceAnalysis> results = pipeline.analyzeBatch(
                        analysable.stream().map(f -> f.record().value()).toList());
                for (int i = 0; i < analysable.size(); i++) {
                    analyses.put(analysable.get(i), results.get(i));
                }
            } catch (RuntimeException batchFailure) {
                // One undecodable image fails the whole batch: analyse one by one to find the culprit(s).
                LOG.debugf(
                        "batch of %d frames failed (%s); analysing them one by one",
                        analysable.size(), batchFailure.getMessage());
            }
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            if (frame.rejected() != null) {
                deadLetter(frame.record(), frame.rejected());
            } else if (frame.stale()) {
                metrics.skipped();
                LOG.debugf(
                        "skipped stale frame %s of camera %s",
                        frame.metadata().frameId(), frame.metadata().cameraId());
                resolve(frame.record());
            } else {
                FaceAnalysis analysis = analyses.get(frame);
                if (analysis == null) {
                    try {
                        analysis = pipeline.analyze(frame.record().value());
                    } catch (RuntimeException e) {
                        if (Failures.isTransient(e)) {
                            rewind(e);
                            return;
                        }
                        deadLetter(frame.record(), e);
                        continue;
                    }
                }
                publish(frame, analysis);
            }
        }
    }

    /**
     * A transient failure: everything since the last commit is dropped and read again, each owned partition from its
     * committed offset, after a pause. Observations already sent are sent again with the same event ids, which
     * identity-service skips.
     */
    private void rewind(Throwable error) {
        LOG.errorf("%s: %s; re-reading from %s", name, error.getMessage(), committed);
        Set<TopicPartition> owned = consumer.assignment();
        committed.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        pending.clear();
        batch.flushed();
        clearResolved();
        retryAfter = error;
    }

    /**
     * After a transient failure, waits out the back-off before polling the rewound frames again (in short steps, so
     * that a stop is not held up); the consumer keeps its partitions meanwhile (the back-off is far below
     * {@code max.poll.interval.ms}).
     */
    private void pauseAfterFailure() {
        if (retryAfter == null) {
            return;
        }
        long until = System.nanoTime() + retry.failed(name, retryAfter).toNanos();
        retryAfter = null;
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private void publish(Frame frame, FaceAnalysis analysis) {
        double processingMillis = (System.nanoTime() - frame.polledAtNanos()) / 1e6;
        FaceObservationEvent event =
                Observations.toEvent(frame.metadata(), analysis, modelVersions, processingMillis, Instant.now());
        int faces = analysis.faces().size();
        batch.observed(frame.metadata().cameraId(), faces);
        metrics.stages(analysis.timings());
        Instant captured = frame.metadata().captureTime();
        var record =
                new ProducerRecord<>(Topics.FACE_OBSERVATIONS, frame.metadata().cameraId(), EventJson.toBytes(event));
        unacknowledged.add(producer.send(record, (meta, error) -> {
            if (error == null) {
                observed.incrementAndGet();
                metrics.observed(faces);
                metrics.observationLatency(Duration.between(captured, Instant.now()));
            }
        }));
        resolve(frame.record());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        LOG.warnf(
                "frame at %s-%d@%d goes to %s: %s",
                record.topic(), record.partition(), record.offset(), Topics.dlq(record.topic()), error.getMessage());
        unacknowledged.add(producer.send(DeadLetters.toDeadLetter(record, error, CONSUMER_NAME), (meta, e) -> {
            if (e == null) {
                metrics.deadLettered();
            }
        }));
        resolve(record);
    }

    private void resolve(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        resolved.merge(partition, record.offset() + 1, Math::max);
    }

    /**
     * Waits for the broker's acknowledgement of everything sent, then commits. If a send failed, the partitions are
     * rewound to their last commit so that those frames are analysed and sent again, after a pause.
     */
    private void commitResolved() {
        if (resolved.isEmpty()) {
            return;
        }
        try {
            for (Future<RecordMetadata> send : unacknowledged) {
                send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            rewind(new TransientFailure("sending observations failed: " + e.getMessage(), e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
        unacknowledged.clear();
        // Only partitions still owned: an old offset committed for a partition that moved on would rewind its
        // new owner. (Inside onPartitionsRevoked the revoked ones are still owned, so they are committed there.)
        Set<TopicPartition> owned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        resolved.forEach((partition, next) -> {
            if (owned.contains(partition)) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        });
        try {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            if (retryAfter == null) {
                retry.succeeded(name);
            }
        } catch (RebalanceInProgressException e) {
            // Commits are refused while the group rebalances; keep the offsets and commit them on the next pass
            // or in onPartitionsRevoked, before any partition moves.
            LOG.debugf("%s will retry committing %s after the rebalance", name, offsets);
            return;
        } catch (CommitFailedException e) {
            // This member was expelled (e.g. too slow for max.poll.interval.ms): the partitions' new owners
            // re-read from the last commit, so these frames are observed twice, with the same event ids.
            LOG.warnf("%s could not commit %s: %s", name, offsets, e.getMessage());
        }
        clearResolved();
    }

    private void clearResolved() {
        resolved.clear();
        unacknowledged.clear();
    }

    /**
     * Reports the lag; a worker with nothing outstanding (nothing pending or uncommitted, every partition read to its
     * end) is not failing any more, even if the partitions it failed on went to another worker.
     */
    private void reportLag() {
        long lag = 0;
        boolean caughtUp = retryAfter == null && pending.isEmpty() && resolved.isEmpty();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            lag += partitionLag.orElse(0);
            caughtUp &= partitionLag.isPresent() && partitionLag.getAsLong() == 0;
        }
        metrics.lag(name, lag);
        if (caughtUp) {
            retry.succeeded(name);
        }
    }

    /** Runs inside poll() on this worker's thread, so it may finish the batch and commit before partitions move. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            analysePending();
            commitResolved();
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                committed.put(partition, consumer.position(partition));
            }
            FrameWorker.this.partitions = Set.copyOf(consumer.assignment());
            LOG.infof("%s now reads %s", name, consumer.assignment());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member owns them already: anything not committed will be redone there.
            pending.removeIf(frame -> partitions.contains(
                    new TopicPartition(frame.record().topic(), frame.record().partition())));
            batch.flushed();
            pending.stream()
                    .filter(Frame::analysable)
                    .forEach(frame -> batch.added(frame.metadata().cameraId(), frame.polledAtNanos()));
            partitions.forEach(resolved::remove);
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> gone) {
            gone.forEach(committed::remove);
            Set<TopicPartition> remaining = new HashSet<>(FrameWorker.this.partitions);
            remaining.removeAll(gone);
            FrameWorker.this.partitions = Set.copyOf(remaining);
        }
    }
}
