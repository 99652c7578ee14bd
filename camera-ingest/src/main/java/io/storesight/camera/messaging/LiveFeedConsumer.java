package io.storesight.camera.messaging;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.storesight.camera.service.LiveView;
import io.storesight.contracts.CustomerEvent;
import io.storesight.contracts.Event;
import io.storesight.contracts.EventJson;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.InvalidEventException;

/**
 * Feeds the live view: who each face of a frame is (face-identities) and erasures (customer-events). It only mirrors the latest state in memory (nothing is stored, so nothing to deduplicate),
 * reads from the end of the topics, and skips what it cannot parse: the owning consumers (identity-service,
 * analytics) already dead-letter those, and a second copy in the DLQ would only confuse.
 */
@ApplicationScoped
public class LiveFeedConsumer {
    public static final String FACES = "live-faces";
    public static final String CUSTOMERS = "live-customers";
    private static final Logger LOG = Logger.getLogger(LiveFeedConsumer.class);

    private final LiveView live;

    public LiveFeedConsumer(LiveView live) {
        this.live = live;
    }

    @Incoming(FACES)
    public void faces(String json) {
        feed(json, FaceIdentityEvent.class, live::identified);
    }

    @Incoming(CUSTOMERS)
    public void customer(String json) {
        feed(json, CustomerEvent.class, live::customer);
    }

    private static <T extends Record & Event> void feed(String json, Class<T> type, Consumer<T> view) {
        try {
            view.accept(EventJson.fromJson(json, type));
        } catch (InvalidEventException e) {
            LOG.debugf("live view skips an unreadable %s: %s", type.getSimpleName(), e.getMessage());
        }
    }
}
