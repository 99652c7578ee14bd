package io.storesight.identity.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.outbox.OutboxRepository;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.CustomerRepository;
import io.storesight.identity.persistence.TrackRepository;

/** The effective settings and the size of what the service holds (no credentials, no biometric data). */
@ApplicationScoped
public class SettingsService {
    private final IdentityConfig config;
    private final GalleryService galleryService;
    private final CustomerRepository customers;
    private final OutboxRepository outbox;
    private final TrackRepository tracks;

    public SettingsService(
            IdentityConfig config,
            GalleryService galleryService,
            CustomerRepository customers,
            OutboxRepository outbox,
            TrackRepository tracks) {
        this.config = config;
        this.galleryService = galleryService;
        this.customers = customers;
        this.outbox = outbox;
        this.tracks = tracks;
    }

    public Map<String, Object> settings() {
        Map<String, Object> matching = new LinkedHashMap<>();
        matching.put("qualityThreshold", config.qualityThreshold());
        matching.put("acceptDistance", config.matching().acceptDistance());
        matching.put("margin", config.matching().margin());
        matching.put("strongDistance", config.matching().strongDistance());
        matching.put("newPersonDistance", config.matching().newPersonDistance());
        matching.put("candidates", config.matching().candidates());
        matching.put("optOutThreshold", config.optOutThreshold());
        Map<String, Object> track = new LinkedHashMap<>();
        track.put("maxGapSeconds", config.track().maxGap().toMillis() / 1000.0);
        track.put("samePersonDistance", config.track().samePersonDistance());
        track.put("reacquireDistance", config.track().reacquireDistance());
        track.put("maxShift", config.track().maxShift());
        track.put("minAcceptFaces", config.track().minAcceptFaces());
        track.put("minNewFaces", config.track().minNewFaces());
        track.put("maxEvidence", config.track().maxEvidence());
        track.put("minVisitorFrames", config.track().minVisitorFrames());
        Map<String, Object> templates = new LinkedHashMap<>();
        templates.put("maxPerCustomer", config.templates().maxPerCustomer());
        templates.put("minDiversity", config.templates().minDiversity());
        templates.put("minQuality", config.templates().minQuality());
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put(
                "absenceThresholdSeconds", config.presence().absenceThreshold().toMillis() / 1000.0);
        presence.put("sweepLagSeconds", config.presence().sweepLag().toMillis() / 1000.0);
        Map<String, Object> tiers = new LinkedHashMap<>();
        tiers.put("regularVisits", config.tiers().regularVisits());
        tiers.put("loyalVisits", config.tiers().loyalVisits());
        tiers.put("vipVisits", config.tiers().vipVisits());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("customers", customers.countAll());
        state.put("templates", galleryService.gallery().size());
        state.put("optOuts", galleryService.optOutCount());
        state.put("openTracks", tracks.countAll());
        state.put("outboxPending", outbox.backlog().pending());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("matching", matching);
        out.put("track", track);
        out.put("templates", templates);
        out.put("presence", presence);
        out.put("tiers", tiers);
        out.put("retentionDays", config.retention().toDays());
        out.put("faceInferenceUrl", config.faceInferenceUrl());
        out.put("state", state);
        return out;
    }
}
