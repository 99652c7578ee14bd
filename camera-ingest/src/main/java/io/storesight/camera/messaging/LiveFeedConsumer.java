package io.storesight.camera.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.storesight.camera.service.LiveView;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.InvalidEventException;
import io.storesight.contracts.VisitEvent;

/**
 * Feeds the live view. It only mirrors the latest state in memory (nothing is stored, so nothing to deduplicate),
 * reads from the end of the topics, and skips what it cannot parse: the owning consumers (identity-service,
 * analytics) already dead-letter those, and a second copy in the DLQ would only confuse.
 */
@ApplicationScoped
public class LiveFeedConsumer {
    public static final String OBSERVATIONS = "live-observations";
    public static final String VISITS = "live-visits";
    public static final String CUSTOMERS = "live-customers";
    private static final Logger LOG = Logger.getLogger(LiveFeedConsumer.class);

    private final LiveView live;

    public LiveFeedConsumer(LiveView live) {
        this.live = live;
    }

    @Incoming(OBSERVATIONS)
    public void observation(String json) {
        try {
            live.observed(EventJson.fromJson(json, FaceObservationEvent.class));
        } catch (InvalidEventException e) {
            LOG.debugf("live view skips an unreadable observation: %s", e.getMessage());
        }
    }

    @Incoming(VISITS)
    public void visit(String json) {
        try {
            live.visit(EventJson.fromJson(json, VisitEvent.class));
        } catch (InvalidEventException e) {
            LOG.debugf("live view skips an unreadable visit event: %s", e.getMessage());
        }
    }

    @Incoming(CUSTOMERS)
    public void customer(String json) {
        try {
            live.customer(EventJson.fromJson(json, CustomerEvent.class));
        } catch (InvalidEventException e) {
            LOG.debugf("live view skips an unreadable customer event: %s", e.getMessage());
        }
    }
}
