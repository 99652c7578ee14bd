package io.storesight.identity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.storesight.common.messaging.DeadLetterQueue;
import io.storesight.common.messaging.InPlaceRetry;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.identity.ObservationBacklog;
import io.storesight.identity.service.ObservationService;

/**
 * face-observations in. Processing is ordered (one at a time) and transactional inside {@link ObservationService},
 * which commits before the in-memory gallery changes. A transient failure (a locked database, an I/O error) is
 * retried in place until it goes through, the offset waiting for it; an event that can never apply goes to
 * face-observations.dlq.
 */
@ApplicationScoped
public class FaceObservationConsumer {
    public static final String CHANNEL = "face-observations";
    private static final Logger LOG = Logger.getLogger(FaceObservationConsumer.class);

    private final ObservationService observations;
    private final ObservationBacklog backlog;
    private final InPlaceRetry retry;
    private final DeadLetterQueue deadLetters;

    public FaceObservationConsumer(
            ObservationService observations,
            ObservationBacklog backlog,
            InPlaceRetry retry,
            DeadLetterQueue deadLetters) {
        this.observations = observations;
        this.backlog = backlog;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            FaceObservationEvent event = EventJson.fromJson(record.value(), FaceObservationEvent.class);
            ObservationService.Outcome outcome =
                    retry.untilDone(ObservationService.CONSUMER, () -> observations.process(event));
            LOG.debugf("%s from %s captured %s: %s", event.eventId(), event.cameraId(), event.captureTime(), outcome);
        } catch (RuntimeException e) {
            deadLetters.send(record, e, ObservationService.CONSUMER);
        }
        backlog.processed(record.timestamp(), System.currentTimeMillis());
    }
}
