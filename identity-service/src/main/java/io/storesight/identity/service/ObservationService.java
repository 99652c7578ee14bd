package io.storesight.identity.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.InvalidEventException;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Observation;
import io.storesight.identity.Place;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * One face-observations event, start to finish, in one transaction: dedupe, advance the camera clock and end what it
 * makes stale, drop opted-out faces before anything is stored, then hand the rest to the camera's tracks.
 */
@ApplicationScoped
public class ObservationService {
    public static final String CONSUMER = "identity-service";

    /** What one event did (for logs and tests). */
    public record Outcome(boolean duplicate, int identified, int newCustomers, int undecided, int optedOut) {
    }

    private final IdentityConfig config;
    private final Writer writer;
    private final ProcessedEvents processedEvents;
    private final GalleryService galleryService;
    private final PresenceService presenceService;
    private final TrackService trackService;
    private final PresenceRepository presence;

    public ObservationService(IdentityConfig config, Writer writer, ProcessedEvents processedEvents,
            GalleryService galleryService, PresenceService presenceService, TrackService trackService,
            PresenceRepository presence) {
        this.config = config;
        this.writer = writer;
        this.processedEvents = processedEvents;
        this.galleryService = galleryService;
        this.presenceService = presenceService;
        this.trackService = trackService;
        this.presence = presence;
    }

    public Outcome process(FaceObservationEvent event) {
        List<Observation> faces = trackableFaces(event);
        int optedOut = event.faces().size() - faces.size();
        return writer.write(afterCommit -> {
            if (!processedEvents.firstDelivery(event.eventId(), CONSUMER)) {
                return new Outcome(true, 0, 0, 0, 0);
            }
            long t = event.captureTime().toEpochMilli();
            presence.advanceClock(event.cameraId(), event.storeId(), event.cameraRole(), t,
                    System.currentTimeMillis());
            long aliveSince = System.currentTimeMillis() - config.presence().sweepLag().toMillis();
            presenceService.endStale(event.cameraId(), presence.cameraTime(event.cameraId()), event.storeId(),
                    presence.storeTime(event.storeId(), aliveSince));
            Place place = new Place(event.cameraId(), event.cameraRole(), event.storeId());
            TrackService.Result result = trackService.observe(place, faces, t, afterCommit);
            return new Outcome(false, result.identified(), result.newCustomers(), result.undecided(), optedOut);
        });
    }

    /**
     * Every face but those of people who opted out: poor faces too, since they still are people passing (tracks and
     * footfall); only good ones ever count as evidence of who someone is.
     */
    private List<Observation> trackableFaces(FaceObservationEvent event) {
        List<Observation> faces = new ArrayList<>();
        for (int i = 0; i < event.faces().size(); i++) {
            FaceObservationEvent.Face face = event.faces().get(i);
            try {
                Descriptors.requireValid(face.descriptor());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("face " + i + " of " + event.eventId() + ": " + e.getMessage());
            }
            if (!galleryService.optedOut(face.descriptor())) {
                faces.add(new Observation(event.frameId(), event.captureTime().toEpochMilli(), face.descriptor(),
                        face.quality().score(), face.age(), face.gender(), face.genderConfidence(), face.box(),
                        event.imageWidth(), event.imageHeight()));
            }
        }
        return faces;
    }
}
