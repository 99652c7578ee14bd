package io.storesight.identity.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.storesight.common.persistence.Writer;
import io.storesight.identity.Candidate;
import io.storesight.identity.Customer;
import io.storesight.identity.Descriptors;
import io.storesight.identity.Observation;
import io.storesight.identity.Place;
import io.storesight.identity.Seen;
import io.storesight.identity.Sighting;
import io.storesight.identity.TemplatePolicy;
import io.storesight.identity.Track;
import io.storesight.identity.TrackDecider;
import io.storesight.identity.TrackDecider.Decision;
import io.storesight.identity.Tracker;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.PresenceRepository;
import io.storesight.identity.persistence.TemplateRepository;
import io.storesight.identity.persistence.TrackRepository;

/**
 * Runs the recognition rules on a camera's faces: loads the camera's open tracks, lets {@link Tracker} associate the
 * frame's faces with them and {@link TrackDecider} judge each undecided track, and persists and publishes the
 * outcome. Runs inside the writer's transaction; the gallery changes only after commit.
 */
@ApplicationScoped
public class TrackService {
    private static final Logger LOG = Logger.getLogger(TrackService.class);

    /**
     * What one frame did: faces attributed to customers, customers created, faces on undecided tracks; and per face
     * (in the order given), the customer it is now (null: nobody yet) and whether it was good enough to judge.
     */
    public record Result(
            int identified, int newCustomers, int undecided, List<String> customerIds, List<Boolean> good) {}

    private final IdentityConfig config;
    private final Tracker tracker;
    private final TrackDecider decider;
    private final TemplatePolicy templatePolicy;
    private final GalleryService galleryService;
    private final PresenceService presenceService;
    private final TrackRepository tracks;
    private final CustomerRepository customers;
    private final TemplateRepository templates;
    private final PresenceRepository presence;
    private final IdentityEvents events;

    public TrackService(
            IdentityConfig config,
            Tracker tracker,
            TrackDecider decider,
            TemplatePolicy templatePolicy,
            GalleryService galleryService,
            PresenceService presenceService,
            TrackRepository tracks,
            CustomerRepository customers,
            TemplateRepository templates,
            PresenceRepository presence,
            IdentityEvents events) {
        this.config = config;
        this.tracker = tracker;
        this.decider = decider;
        this.templatePolicy = templatePolicy;
        this.galleryService = galleryService;
        this.presenceService = presenceService;
        this.tracks = tracks;
        this.customers = customers;
        this.templates = templates;
        this.presence = presence;
        this.events = events;
    }

    /** One frame's faces at {@code place}, captured at {@code time}. */
    public Result observe(Place place, List<Observation> faces, long time, Writer.AfterCommit afterCommit) {
        List<Boolean> good = faces.stream()
                .map(f -> f.quality() >= config.qualityThreshold())
                .toList();
        List<Track> open = tracks.openAt(place.cameraId());
        Tracker.Step step = tracker.associate(open, faces, good, time);
        step.ended().forEach(this::finish);
        Set<String> taken = new HashSet<>();
        open.stream().filter(t -> t.decided() && !step.ended().contains(t)).forEach(t -> taken.add(t.customerId()));
        int identified = 0;
        int created = 0;
        int undecided = 0;
        List<String> customerIds = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            Observation face = faces.get(i);
            Tracker.Assignment assignment = step.assignments().get(i);
            Track track = assignment.track() == null
                    ? Track.start(UUID.randomUUID().toString(), place, face, good.get(i))
                    : assignment
                            .track()
                            .extend(face, good.get(i), config.track().maxEvidence());
            if (track.decided()) {
                Sighting sighting = presenceService.seen(track.customerId(), Seen.of(face), place);
                if (track.strong() && good.get(i)) {
                    learn(track.customerId(), face, sighting.id(), afterCommit);
                }
                identified++;
            } else {
                Judged judged = judge(track, good.get(i) ? face : null, taken, afterCommit);
                track = judged.track();
                switch (judged.outcome()) {
                    case ACCEPT -> identified++;
                    case NEW_CUSTOMER -> created++;
                    case UNDECIDED -> undecided++;
                }
                if (track.decided()) {
                    taken.add(track.customerId());
                }
            }
            tracks.save(track);
            customerIds.add(track.decided() ? track.customerId() : null);
        }
        return new Result(identified, created, undecided, customerIds, good);
    }

    /** Ends the tracks of a camera that has shown nobody for longer than the gap tolerance. */
    public void endStale(String cameraId, long cameraNow) {
        for (Track track : tracks.openAt(cameraId)) {
            if (cameraNow - track.lastSeenAt() > config.track().maxGap().toMillis()) {
                finish(track);
            }
        }
    }

    /** An opt-out reaches the open tracks too: any track with a face of that person is dropped, uncounted. */
    public void forget(float[] descriptor, double distance) {
        for (Track track : tracks.all()) {
            if (track.evidence().stream().anyMatch(f -> Descriptors.distance(f.descriptor(), descriptor) <= distance)) {
                tracks.delete(track.id());
            }
        }
    }

    /** A track after its judgement, and what the judgement was. */
    private record Judged(Track track, TrackDecider.Outcome outcome) {}

    /** @param arrived the good face this frame added to the track's evidence (null: none) */
    private Judged judge(Track track, Observation arrived, Set<String> taken, Writer.AfterCommit afterCommit) {
        List<String> candidates = candidates(track, arrived);
        List<Map<String, Double>> distances = distances(track.evidence(), candidates);
        Decision decision = decider.decide(distances, taken, track.nearKnown());
        Place place = track.place();
        switch (decision.outcome()) {
            case ACCEPT -> {
                Sighting sighting = presenceService.seen(decision.customerId(), Seen.of(track), place);
                if (decision.strong()) {
                    for (Observation face : track.evidence()) {
                        learn(decision.customerId(), face, sighting.id(), afterCommit);
                    }
                }
                LOG.debugf(
                        "track %s at %s is %s: median %.3f, runner-up %.3f over %d faces%s",
                        track.id(),
                        place.cameraId(),
                        decision.customerId(),
                        decision.distance(),
                        decision.runnerUp(),
                        decision.faces(),
                        decision.strong() ? " (strong)" : "");
                return new Judged(track.decide(decision.customerId(), decision.strong()), decision.outcome());
            }
            case NEW_CUSTOMER -> {
                Customer customer = Customer.created(
                        "c-" + UUID.randomUUID(), track.startedAt(), place.cameraId(), System.currentTimeMillis());
                customers.insert(customer);
                Sighting sighting = presenceService.seen(customer.id(), Seen.of(track), place);
                long now = System.currentTimeMillis();
                for (Observation face : templatePolicy.initial(track.evidence())) {
                    long id = templates.insert(customer.id(), face.descriptor(), face.quality(), sighting.id(), now);
                    afterCommit.add(() -> galleryService.gallery().add(customer.id(), id, face.descriptor()));
                }
                LOG.debugf(
                        "track %s at %s is a new customer %s: nearest customer %.3f over %d faces",
                        track.id(), place.cameraId(), customer.id(), decision.distance(), decision.faces());
                return new Judged(track.decide(customer.id(), true), decision.outcome());
            }
            default -> {
                return new Judged(track.undecided(decision.nearKnown(), candidates), decision.outcome());
            }
        }
    }

    /**
     * The customers the track's faces are judged against: those its earlier faces had among their nearest, and the
     * arriving face's nearest. The gallery is searched once per face, when it arrives; the earlier faces are then
     * measured against every candidate exactly, so each customer is judged on every face of the track.
     */
    private List<String> candidates(Track track, Observation arrived) {
        Set<String> candidates = new LinkedHashSet<>(track.candidates());
        if (arrived != null) {
            for (Candidate c : galleryService
                    .gallery()
                    .nearest(arrived.descriptor(), config.matching().candidates())) {
                candidates.add(c.customerId());
            }
        }
        List<String> all = new ArrayList<>(candidates);
        // the most recent faces' candidates matter most; a long track keeps a bounded list
        int max = config.matching().candidates() * config.track().maxEvidence();
        return all.size() <= max ? all : all.subList(all.size() - max, all.size());
    }

    /** Per face, the exact distance to each candidate customer's nearest template. */
    private List<Map<String, Double>> distances(List<Observation> faces, List<String> candidates) {
        List<Map<String, Double>> out = new ArrayList<>(faces.size());
        for (Observation face : faces) {
            Map<String, Double> distances = new HashMap<>();
            for (String customer : candidates) {
                distances.put(customer, galleryService.gallery().distance(customer, face.descriptor()));
            }
            out.add(distances);
        }
        return out;
    }

    /** A good face of a customer recognised beyond doubt may become one of their templates (see TemplatePolicy). */
    private void learn(String customerId, Observation face, String sightingId, Writer.AfterCommit afterCommit) {
        if (face.quality() < config.templates().minQuality()) {
            return;
        }
        double own = galleryService.gallery().distance(customerId, face.descriptor());
        double other = galleryService.gallery().nearest(face.descriptor(), 2).stream()
                .filter(c -> !c.customerId().equals(customerId))
                .mapToDouble(Candidate::distance)
                .findFirst()
                .orElse(Double.POSITIVE_INFINITY);
        templatePolicy
                .consider(
                        templates.ofCustomer(customerId),
                        face,
                        own,
                        other,
                        config.matching().acceptDistance(),
                        config.matching().margin())
                .ifPresent(change -> {
                    long id = templates.insert(
                            customerId, face.descriptor(), face.quality(), sightingId, System.currentTimeMillis());
                    if (change.replaced() != null) {
                        templates.delete(change.replaced().id());
                    }
                    afterCommit.add(() -> {
                        if (change.replaced() != null) {
                            galleryService
                                    .gallery()
                                    .removeTemplate(change.replaced().id());
                        }
                        galleryService.gallery().add(customerId, id, face.descriptor());
                    });
                });
    }

    /**
     * A track ends. Undecided, it was a person nobody could name: one anonymous visitor in the store's footfall if
     * it passed the entrance (or any camera of a store without one), unless it looked like a customer who is in the
     * store right now, whom footfall already counts.
     */
    private void finish(Track track) {
        tracks.delete(track.id());
        if (track.decided() || track.frames() < config.track().minVisitorFrames()) {
            return;
        }
        Place place = track.place();
        if (!place.entrance() && presence.hasEntrance(place.storeId())) {
            return;
        }
        Decision likely = decider.decide(distances(track.evidence(), track.candidates()), Set.of(), false);
        if (likely.best() != null
                && likely.distance() <= config.matching().newPersonDistance()
                && presence.openVisit(likely.best(), place.storeId()).isPresent()) {
            return;
        }
        events.anonymousVisit(track);
        LOG.debugf(
                "track %s at %s ended unidentified after %d frames: one anonymous visitor",
                track.id(), place.cameraId(), track.frames());
    }
}
