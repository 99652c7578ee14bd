package io.storesight.identity.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.identity.ObservationBacklog;
import io.storesight.identity.service.ObservationService;

/**
 * face-observations in. Processing is ordered (one at a time) and transactional inside {@link ObservationService},
 * which commits before the in-memory gallery changes; anything that throws goes to face-observations.dlq.
 */
@ApplicationScoped
public class FaceObservationConsumer {
    public static final String CHANNEL = "face-observations";
    private static final Logger LOG = Logger.getLogger(FaceObservationConsumer.class);

    private final ObservationService observations;
    private final ObservationBacklog backlog;

    public FaceObservationConsumer(ObservationService observations, ObservationBacklog backlog) {
        this.observations = observations;
        this.backlog = backlog;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        FaceObservationEvent event = EventJson.fromJson(record.value(), FaceObservationEvent.class);
        ObservationService.Outcome outcome = observations.process(event);
        backlog.processed(record.timestamp(), System.currentTimeMillis());
        LOG.debugf("%s from %s captured %s: %s", event.eventId(), event.cameraId(), event.captureTime(), outcome);
    }
}
