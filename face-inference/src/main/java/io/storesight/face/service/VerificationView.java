package io.storesight.face.service;

/**
 * The JSON of {@code POST /api/v1/verify}: the descriptor distance of the largest face of each image, the
 * threshold it was judged by, the verdict, and which faces were compared.
 */
public record VerificationView(
        double distance,
        double threshold,
        boolean samePerson,
        AnalysisView.BoxView sourceFace,
        AnalysisView.BoxView targetFace) {}
