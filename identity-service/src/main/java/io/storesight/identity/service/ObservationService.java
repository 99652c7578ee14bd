package io.storesight.identity.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.ProcessedEvents;
import io.storesight.contracts.FaceObservationEvent;
import io.storesight.contracts.InvalidEventException;
import io.storesight.identity.Customer;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Match;
import io.storesight.identity.Observation;
import io.storesight.identity.Template;
import io.storesight.identity.Tier;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.persistence.TemplateRepository;
import io.storesight.identity.service.PresenceService.Place;

/**
 * One face-observations event, start to finish: dedupe, advance the camera clock and end what it makes stale, drop
 * opted-out and low-quality faces before anything is stored, match the rest, and turn consistent unknown tracks into
 * new customers.
 */
@ApplicationScoped
public class ObservationService {
    public static final String CONSUMER = "identity-service";

    /** What one event did (for logs and tests). */
    public record Outcome(boolean duplicate, int matched, int newCustomers, int ignored, int pending) {
    }

    private final IdentityConfig config;
    private final Writer writer;
    private final ProcessedEvents processedEvents;
    private final GalleryService galleryService;
    private final PresenceService presenceService;
    private final PresenceRepository presence;
    private final CustomerRepository customers;
    private final TemplateRepository templates;

    public ObservationService(IdentityConfig config, Writer writer, ProcessedEvents processedEvents,
            GalleryService galleryService, PresenceService presenceService, PresenceRepository presence,
            CustomerRepository customers, TemplateRepository templates) {
        this.config = config;
        this.writer = writer;
        this.processedEvents = processedEvents;
        this.galleryService = galleryService;
        this.presenceService = presenceService;
        this.presence = presence;
        this.customers = customers;
        this.templates = templates;
    }

    public Outcome process(FaceObservationEvent event) {
        List<Observation> faces = usableFaces(event);
        int ignored = event.faces().size() - faces.size();
        try {
            return writer.write(afterCommit -> apply(event, faces, ignored, afterCommit));
        } catch (RuntimeException e) {
            // Tracks are memory-only and were extended inside the failed transaction; start the camera afresh.
            galleryService.tracks().forgetCamera(event.cameraId());
            throw e;
        }
    }

    private Outcome apply(FaceObservationEvent event, List<Observation> faces, int ignored,
            Writer.AfterCommit afterCommit) {
        if (!processedEvents.firstDelivery(event.eventId(), CONSUMER)) {
            return new Outcome(true, 0, 0, 0, 0);
        }
        long t = event.captureTime().toEpochMilli();
        presence.advanceClock(event.cameraId(), event.storeId(), event.cameraRole(), t, System.currentTimeMillis());
        long aliveSince = System.currentTimeMillis() - config.presence().sweepLag().toMillis();
        presenceService.endStale(event.cameraId(), presence.cameraTime(event.cameraId()), event.storeId(),
                presence.storeTime(event.storeId(), aliveSince));
        Place place = new Place(event.cameraId(), event.cameraRole(), event.storeId());

        // Nearest customer per face; a customer can be only one face of a frame, the closest one.
        Map<String, Observation> byCustomer = new HashMap<>();
        Map<String, Float> bestDistance = new HashMap<>();
        List<Observation> unknown = new ArrayList<>();
        double threshold = config.matching().threshold();
        double margin = config.matching().margin();
        for (Observation face : faces) {
            Match match = galleryService.match(face.descriptor());
            if (match.accepted(threshold, margin)) {
                Float previous = bestDistance.get(match.customerId());
                if (previous == null || match.distance() < previous) {
                    byCustomer.put(match.customerId(), face);
                    bestDistance.put(match.customerId(), match.distance());
                }
            } else if (!match.ambiguous(threshold, margin)) {
                unknown.add(face);
            }
        }
        for (Map.Entry<String, Observation> entry : byCustomer.entrySet()) {
            presenceService.seen(entry.getKey(), entry.getValue(), place);
            refreshTemplates(entry.getKey(), entry.getValue(), afterCommit);
        }
        int created = 0;
        for (List<Observation> track : galleryService.tracks().add(event.cameraId(), unknown)) {
            createCustomer(track, place, afterCommit);
            created++;
        }
        return new Outcome(false, byCustomer.size(), created, ignored, unknown.size());
    }

    private List<Observation> usableFaces(FaceObservationEvent event) {
        List<Observation> usable = new ArrayList<>();
        for (int i = 0; i < event.faces().size(); i++) {
            FaceObservationEvent.Face face = event.faces().get(i);
            try {
                Descriptors.requireValid(face.descriptor());
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("face " + i + " of " + event.eventId() + ": " + e.getMessage());
            }
            if (galleryService.optedOut(face.descriptor())) {
                continue;
            }
            if (face.quality().score() < config.qualityThreshold()) {
                continue;
            }
            usable.add(new Observation(event.frameId(), event.captureTime().toEpochMilli(), face.descriptor(),
                    face.quality().score(), face.age(), face.gender(), face.genderConfidence(), face.box(),
                    event.imageWidth(), event.imageHeight()));
        }
        return usable;
    }

    private void createCustomer(List<Observation> track, Place place, Writer.AfterCommit afterCommit) {
        List<Observation> ordered = track.stream().sorted(Comparator.comparingLong(Observation::time)).toList();
        long first = ordered.get(0).time();
        Customer customer = new Customer("c-" + UUID.randomUUID(), 0, first, first, place.cameraId(), null, null, 0,
                null, null, 0, 0, Tier.NEW, null, false, 0, System.currentTimeMillis());
        customers.insert(customer);
        long now = System.currentTimeMillis();
        for (Observation face : pickTemplates(track)) {
            long id = templates.insert(customer.id(), face.descriptor(), face.quality(), now);
            afterCommit.add(() -> galleryService.gallery().add(customer.id(), id, face.descriptor()));
        }
        for (Observation face : ordered) {
            presenceService.seen(customer.id(), face, place);
        }
    }

    /** The best faces of a new track that differ from each other (diverse views match better later). */
    private List<Observation> pickTemplates(List<Observation> track) {
        List<Observation> picked = new ArrayList<>();
        for (Observation face : track.stream().sorted(Comparator.comparingDouble(Observation::quality).reversed())
                .toList()) {
            if (picked.size() == config.templates().maxPerCustomer()) {
                break;
            }
            boolean diverse = picked.stream().allMatch(
                    p -> Descriptors.distance(p.descriptor(), face.descriptor()) >= config.templates().minDiversity());
            if (picked.isEmpty() || diverse) {
                picked.add(face);
            }
        }
        return picked;
    }

    /**
     * Keeps up to N good, diverse templates: a good face unlike every current template is added; when full, it
     * replaces the lowest-quality template if it is better.
     */
    private void refreshTemplates(String customerId, Observation face, Writer.AfterCommit afterCommit) {
        if (face.quality() < config.templates().minQuality()) {
            return;
        }
        List<Template> current = templates.ofCustomer(customerId);
        double nearestOwn = current.stream().mapToDouble(t -> Descriptors.distance(t.descriptor(), face.descriptor()))
                .min().orElse(Double.POSITIVE_INFINITY);
        if (nearestOwn < config.templates().minDiversity()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (current.size() < config.templates().maxPerCustomer()) {
            long id = templates.insert(customerId, face.descriptor(), face.quality(), now);
            afterCommit.add(() -> galleryService.gallery().add(customerId, id, face.descriptor()));
            return;
        }
        Template worst = current.stream().min(Comparator.comparingDouble(Template::quality)).orElseThrow();
        if (face.quality() > worst.quality()) {
            templates.delete(worst.id());
            long id = templates.insert(customerId, face.descriptor(), face.quality(), now);
            afterCommit.add(() -> {
                galleryService.gallery().removeTemplate(worst.id());
                galleryService.gallery().add(customerId, id, face.descriptor());
            });
        }
    }
}
