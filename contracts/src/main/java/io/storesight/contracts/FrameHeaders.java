package io.storesight.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers of a {@code frames} record (the value is the JPEG itself). Values are UTF-8 text; times are epoch
 * milliseconds so that a consumer can test staleness without parsing dates.
 */
public final class FrameHeaders {
    public static final String FRAME_ID = "frame-id";
    public static final String CAMERA_ID = "camera-id";
    public static final String STORE_ID = "store-id";
    public static final String CAMERA_ROLE = "camera-role";
    public static final String CAPTURE_TIME = "capture-time-ms";
    public static final String SEQUENCE = "sequence";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String CONTENT_TYPE = "content-type";

    public static final String JPEG = "image/jpeg";

    /** The metadata of one frame, as carried in the headers. */
    public record FrameMetadata(
            String frameId,
            String cameraId,
            String storeId,
            String cameraRole,
            Instant captureTime,
            long sequence,
            int width,
            int height) {

        public void writeTo(Headers headers) {
            put(headers, FRAME_ID, frameId);
            put(headers, CAMERA_ID, cameraId);
            put(headers, STORE_ID, storeId);
            put(headers, CAMERA_ROLE, cameraRole);
            put(headers, CAPTURE_TIME, Long.toString(captureTime.toEpochMilli()));
            put(headers, SEQUENCE, Long.toString(sequence));
            put(headers, WIDTH, Integer.toString(width));
            put(headers, HEIGHT, Integer.toString(height));
            put(headers, CONTENT_TYPE, JPEG);
        }

        /**
         * Reads the metadata back; a missing or malformed header is an {@link InvalidEventException} naming it, so
         * that the consumer can dead-letter the frame with a precise reason.
         */
        public static FrameMetadata readFrom(Headers headers) {
            return new FrameMetadata(
                    required(headers, FRAME_ID),
                    required(headers, CAMERA_ID),
                    required(headers, STORE_ID),
                    optional(headers, CAMERA_ROLE),
                    Instant.ofEpochMilli(number(headers, CAPTURE_TIME)),
                    number(headers, SEQUENCE),
                    (int) number(headers, WIDTH),
                    (int) number(headers, HEIGHT));
        }
    }

    public static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String optional(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing required header '" + name + "'");
        }
        return value;
    }

    private static long number(Headers headers, String name) {
        String value = required(headers, name);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidEventException("header '" + name + "' is not a number: " + value);
        }
    }

    private FrameHeaders() {}
}
