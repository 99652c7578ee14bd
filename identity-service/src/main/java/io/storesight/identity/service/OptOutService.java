package io.storesight.identity.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.persistence.Writer;
import io.storesight.common.rest.ApiException;
import io.storesight.identity.Candidate;
import io.storesight.identity.OptOut;
import io.storesight.identity.config.IdentityConfig;
import io.storesight.identity.persistence.OptOutRepository;
import io.storesight.identity.service.Views.OptOutView;

/**
 * Do-not-track enrolment. From the moment it commits, a matching face is dropped before matching, tracking or any
 * write; a customer already registered for that face is erased through the normal erasure path.
 */
@ApplicationScoped
public class OptOutService {
    private static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png");

    private final IdentityConfig config;
    private final Writer writer;
    private final GalleryService galleryService;
    private final OptOutRepository optOuts;
    private final FaceInferenceClient faceInference;
    private final CustomerService customers;
    private final TrackService trackService;

    public OptOutService(
            IdentityConfig config,
            Writer writer,
            GalleryService galleryService,
            OptOutRepository optOuts,
            FaceInferenceClient faceInference,
            CustomerService customers,
            TrackService trackService) {
        this.config = config;
        this.writer = writer;
        this.galleryService = galleryService;
        this.optOuts = optOuts;
        this.faceInference = faceInference;
        this.customers = customers;
        this.trackService = trackService;
    }

    public OptOutView enrol(byte[] photo, String contentType, String note) {
        String type =
                contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        if (!IMAGE_TYPES.contains(type)) {
            throw new ApiException(415, "send the photo as image/jpeg or image/png");
        }
        if (photo == null || photo.length == 0) {
            throw ApiException.badRequest("the photo is empty");
        }
        if (note != null && note.length() > 200) {
            throw ApiException.badRequest("note is longer than 200 characters");
        }
        float[] descriptor = faceInference.largestFaceDescriptor(photo, type);
        OptOut optOut = new OptOut(UUID.randomUUID().toString(), descriptor, note, System.currentTimeMillis());
        writer.write(afterCommit -> {
            optOuts.insert(optOut);
            trackService.forget(descriptor, config.optOutThreshold());
            afterCommit.add(() -> galleryService.addOptOut(optOut));
            return null;
        });
        List<String> erased = new ArrayList<>();
        // Every customer within reach goes, nearest first: erasure removes them from the gallery on commit.
        for (List<Candidate> nearest = galleryService.gallery().nearest(descriptor, 1);
                !nearest.isEmpty() && nearest.get(0).distance() <= config.optOutThreshold();
                nearest = galleryService.gallery().nearest(descriptor, 1)) {
            if (!customers.erase(nearest.get(0).customerId(), "opt-out")) {
                break;
            }
            erased.add(nearest.get(0).customerId());
        }
        return new OptOutView(optOut.id(), optOut.note(), Instant.ofEpochMilli(optOut.createdAt()), erased);
    }

    public List<OptOutView> list() {
        return optOuts.all().stream()
                .map(o -> new OptOutView(o.id(), o.note(), Instant.ofEpochMilli(o.createdAt()), List.of()))
                .toList();
    }

    public void delete(String id) {
        writer.write(afterCommit -> {
            if (!optOuts.delete(id)) {
                throw ApiException.notFound("no opt-out with id " + id);
            }
            afterCommit.add(() -> galleryService.removeOptOut(id));
            return null;
        });
    }
}
