package io.storesight.e2e;

/** The five services, in start order, with the heap each gets in these tests (./storesight gives smaller ones). */
enum Service {
    CAMERA_INGEST("camera-ingest", "512m"),
    FACE_INFERENCE("face-inference", "1g"),
    IDENTITY("identity-service", "512m"),
    SALES("sales-service", "384m"),
    ANALYTICS("analytics-api", "512m");

    final String module;
    final String heap;

    Service(String module, String heap) {
        this.module = module;
        this.heap = heap;
    }
}
