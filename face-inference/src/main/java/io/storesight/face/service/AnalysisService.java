package io.storesight.face.service;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.storesight.common.rest.ApiException;
import io.storesight.face.FaceEngine;
import io.storesight.face.FaceMetrics;
import io.storesight.face.config.FaceInferenceConfig;
import io.storesight.face.engine.DetectedFace;
import io.storesight.face.engine.FaceAnalysis;
import io.storesight.face.engine.FaceDistance;
import io.storesight.face.engine.FacePipeline;
import io.storesight.face.engine.ImageTooLargeException;
import io.storesight.face.engine.InvalidImageException;

/** Analysis and verification of uploaded images, with the checks that turn bad uploads into 4xx answers. */
@ApplicationScoped
public class AnalysisService {
    public static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png");
    /** Multipart clients often cannot name the type of a file part; its bytes decide then. */
    private static final String UNTYPED = "application/octet-stream";

    private final FaceEngine engine;
    private final FaceMetrics metrics;
    private final FaceInferenceConfig config;
    private final AnalysisSlots slots;

    public AnalysisService(FaceEngine engine, FaceMetrics metrics, FaceInferenceConfig config, AnalysisSlots slots) {
        this.engine = engine;
        this.metrics = metrics;
        this.config = config;
        this.slots = slots;
    }

    public AnalysisView analyze(ImageUpload image, boolean withDescriptors) {
        check(image);
        return slots.run(() -> AnalysisView.of(run(image), withDescriptors));
    }

    public VerificationView verify(ImageUpload source, ImageUpload target) {
        check(source);
        check(target);
        return slots.run(() -> {
            DetectedFace sourceFace = largestFace(source);
            DetectedFace targetFace = largestFace(target);
            double threshold = config.api().verifyThreshold();
            double distance = FaceDistance.euclidean(sourceFace.descriptor(), targetFace.descriptor());
            return new VerificationView(
                    distance,
                    threshold,
                    distance < threshold,
                    AnalysisView.box(sourceFace),
                    AnalysisView.box(targetFace));
        });
    }

    public static ApiException unsupportedMediaType(String field, String contentType) {
        return new ApiException(
                415,
                "unsupported media type " + (contentType == null ? "(none)" : "'" + contentType + "'") + " for '"
                        + field + "': send image/jpeg or image/png bytes, or multipart/form-data",
                Map.of("field", field, "supported", "image/jpeg, image/png, multipart/form-data"));
    }

    private DetectedFace largestFace(ImageUpload image) {
        return run(image).faces().stream()
                .max(Comparator.comparingDouble(
                        face -> (double) face.box().width() * face.box().height()))
                .orElseThrow(() -> new ApiException(
                        422, "no face found in '" + image.field() + "'", Map.of("field", image.field())));
    }

    private FaceAnalysis run(ImageUpload image) {
        FacePipeline pipeline = engine.pipeline()
                .orElseThrow(() -> new ApiException(
                        503, "face models are not ready (" + engine.problem().orElse("loading") + "); retry shortly"));
        FaceAnalysis analysis;
        try {
            analysis = pipeline.analyze(image.bytes(), config.api().maxPixels());
        } catch (ImageTooLargeException e) {
            throw new ApiException(
                    413,
                    "'" + image.field() + "': " + e.getMessage(),
                    Map.of("field", image.field(), "width", e.width(), "height", e.height()));
        } catch (InvalidImageException e) {
            throw new ApiException(
                    400,
                    "'" + image.field() + "' is not a decodable image: " + e.getMessage(),
                    Map.of("field", image.field()));
        }
        metrics.stages(analysis.timings());
        return analysis;
    }

    private void check(ImageUpload image) {
        long limit = config.api().maxImageSize().asLongValue();
        byte[] bytes = image.bytes();
        if (bytes != null && bytes.length > limit) {
            throw new ApiException(
                    413,
                    "'" + image.field() + "' is " + bytes.length + " bytes; the limit is " + limit,
                    Map.of("field", image.field(), "size", bytes.length, "limit", limit));
        }
        String type = baseType(image.contentType());
        if (type != null && !IMAGE_TYPES.contains(type) && !UNTYPED.equals(type)) {
            throw unsupportedMediaType(image.field(), image.contentType());
        }
        if (bytes == null || bytes.length == 0) {
            throw new ApiException(400, "'" + image.field() + "' is empty", Map.of("field", image.field()));
        }
        Optional<String> other = otherImageFormat(bytes);
        if (other.isPresent()) {
            throw new ApiException(
                    415,
                    "'" + image.field() + "' is " + other.get() + "; send JPEG or PNG",
                    Map.of("field", image.field(), "detected", other.get()));
        }
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** Image formats the decoder might read but the API does not promise: refused as 415, not guessed at. */
    private static Optional<String> otherImageFormat(byte[] b) {
        if (startsWith(b, "GIF8")) {
            return Optional.of("GIF");
        }
        if (startsWith(b, "BM")) {
            return Optional.of("BMP");
        }
        if (startsWith(b, "RIFF") && b.length >= 12 && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.of("WebP");
        }
        if (startsWith(b, "II*\0") || startsWith(b, "MM\0*")) {
            return Optional.of("TIFF");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, String magic) {
        if (bytes.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (bytes[i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
