package io.storesight.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.common.persistence.Writer;
import io.storesight.contracts.FaceIdentityEvent;
import io.storesight.contracts.FaceIdentityEvent.Status;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.InvalidEventException;
import io.storesight.identity.Customer;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Observation;
import io.storesight.identity.Place;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.PresenceRepository;

/**
 * One face-observations event, start to finish, in one transaction: dedupe, advance the camera clock and end what it
 * makes stale, drop opted-out faces before anything is stored, then hand the rest to the camera's tracks, and say who
 * each face turned out to be ({@code face-identities}, through the outbox in the same transaction).
 */
@ApplicationScoped
public class ObservationService {
    public static final String CONSUMER = "identity-service";

    /** What one event did (for logs and tests). */
    public record Outcome(boolean duplicate, int identified, int newCustomers, int undecided, int optedOut) {}

    private final IdentityConfig config;
    private final Writer writer;
    private final ProcessedEvents processedEvents;
    private final GalleryService galleryService;
    private final PresenceService presenceService;
    private final TrackService trackService;
    private final PresenceRepository presence;
    private final CustomerRepository customers;
    private final IdentityEvents events;

    public ObservationService(
            IdentityConfig config,
            Writer writer,
            ProcessedEvents processedEvents,
            GalleryService galleryService,
            PresenceService presenceService,
            TrackService trackService,
            PresenceRepository presence,
            CustomerRepository customers,
            IdentityEvents events) {
        this.config = config;
        this.writer = writer;
        this.processedEvents = processedEvents;
        this.galleryService = galleryService;
        this.presenceService = presenceService;
        this.trackService = trackService;
        this.presence = presence;
        this.customers = customers;
        this.events = events;
    }

    public Outcome process(FaceObservationEvent event) {
        List<Integer> trackable = new ArrayList<>();
        List<Observation> faces = trackableFaces(event, trackable);
        int optedOut = event.faces().size() - faces.size();
        return writer.write(afterCommit -> {
            if (!processedEvents.firstDelivery(event.eventId(), CONSUMER)) {
                return new Outcome(true, 0, 0, 0, 0);
            }
            long t = event.captureTime().toEpochMilli();
            presence.advanceClock(event.cameraId(), event.storeId(), event.cameraRole(), t, System.currentTimeMillis());
            long aliveSince =
                    System.currentTimeMillis() - config.presence().sweepLag().toMillis();
            presenceService.endStale(
                    event.cameraId(),
                    presence.cameraTime(event.cameraId()),
                    event.storeId(),
                    presence.storeTime(event.storeId(), aliveSince));
            Place place = new Place(event.cameraId(), event.cameraRole(), event.storeId());
            TrackService.Result result = trackService.observe(place, faces, t, afterCommit);
            events.facesIdentified(identities(event, trackable, result));
            return new Outcome(false, result.identified(), result.newCustomers(), result.undecided(), optedOut);
        });
    }

    /**
     * Every face but those of people who opted out: poor faces too, since they still are people passing (tracks and
     * footfall); only good ones ever count as evidence of who someone is.
     */
    private List<Observation> trackableFaces(FaceObservationEvent event, List<Integer> indices) {
        List<Observation> faces = new ArrayList<>();
        for (int i = 0; i < event.faces().size(); i++) {
            FaceObservationEvent.Face face = event.faces().get(i);
            try {
                Descriptors.requireValid(face.descriptor());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("face " + i + " of " + event.eventId() + ": " + e.getMessage());
            }
            if (!galleryService.optedOut(face.descriptor())) {
                faces.add(new Observation(
                        event.frameId(),
                        event.captureTime().toEpochMilli(),
                        face.descriptor(),
                        face.quality().score(),
                        face.age(),
                        face.gender(),
                        face.genderConfidence(),
                        face.box(),
                        event.imageWidth(),
                        event.imageHeight()));
                indices.add(i);
            }
        }
        return faces;
    }

    /** Who each face of the frame is, in the observation's order; {@code trackable[k]} is the index of faces[k]. */
    private FaceIdentityEvent identities(
            FaceObservationEvent event, List<Integer> trackable, TrackService.Result result) {
        List<FaceIdentityEvent.Face> out = new ArrayList<>(event.faces().size());
        for (int i = 0; i < event.faces().size(); i++) {
            FaceObservationEvent.Face face = event.faces().get(i);
            int k = trackable.indexOf(i);
            String gender = face.gender() == null ? null : face.gender().name();
            if (k < 0) {
                out.add(FaceIdentityEvent.Face.unnamed(i, face.box(), Status.OPTED_OUT, null, null));
                continue;
            }
            Customer c = result.customerIds().get(k) == null
                    ? null
                    : customers.find(result.customerIds().get(k)).orElse(null);
            if (c != null) {
                out.add(FaceIdentityEvent.Face.customer(
                        i,
                        face.box(),
                        c.id(),
                        c.label(),
                        c.tier().name(),
                        c.vip(),
                        c.staff(),
                        c.ageBand() != null ? c.ageBand() : face.ageBand(),
                        c.gender() != null ? c.gender() : gender));
            } else {
                out.add(FaceIdentityEvent.Face.unnamed(
                        i, face.box(), result.good().get(k) ? Status.VISITOR : Status.SKIPPED, face.ageBand(), gender));
            }
        }
        return FaceIdentityEvent.of(
                event.eventId(),
                event.frameId(),
                event.cameraId(),
                event.storeId(),
                event.captureTime(),
                event.imageWidth(),
                event.imageHeight(),
                out,
                Instant.now());
    }
}
