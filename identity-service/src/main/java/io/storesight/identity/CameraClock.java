package io.storesight.identity;

/** The latest frame capture time seen from a camera, and when (wall clock) that frame arrived. */
public record CameraClock(String cameraId, String storeId, String cameraRole, long captureTime, long receivedAt) {}
