package io.storesight.identity;

import io.storesight.contracts.FaceObservationEvent.Box;

/**
 * Presence of a customer at one camera (times in epoch ms; endedAt null while open), with the demographic evidence
 * of its faces.
 */
public record Sighting(
        String id,
        String customerId,
        String visitId,
        String cameraId,
        String cameraRole,
        String storeId,
        long startedAt,
        long lastSeenAt,
        Long endedAt,
        int frames,
        Box box,
        int imageWidth,
        int imageHeight,
        Demographics demographics) {}
