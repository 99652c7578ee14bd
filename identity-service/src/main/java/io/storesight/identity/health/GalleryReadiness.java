package io.storesight.identity.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.storesight.identity.service.GalleryService;

/**
 * Not ready until the gallery is in memory, a large one indexed as it loads: matching before that would create
 * duplicate customers. The templates loaded so far show how far a long start has got.
 */
@Readiness
@ApplicationScoped
public class GalleryReadiness implements HealthCheck {
    private final GalleryService galleryService;

    public GalleryReadiness(GalleryService galleryService) {
        this.galleryService = galleryService;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gallery")
                .status(galleryService.loaded())
                .withData("templates", galleryService.gallery().size())
                .withData("indexed", galleryService.gallery().indexed())
                .build();
    }
}
