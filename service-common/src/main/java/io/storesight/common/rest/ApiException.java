package io.storesight.common.rest;

import java.util.Map;
import java.util.OptionalLong;

/**
 * A request the service refuses, with the HTTP status and a message for the caller. Services throw it from their
 * service layer (e.g. 404 unknown customer, 409 duplicate id, 422 no face) and the mapper renders {@link ApiError}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> details;
    private final OptionalLong retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        this(status, message, details, OptionalLong.empty());
    }

    private ApiException(int status, String message, Map<String, Object> details, OptionalLong retryAfterSeconds) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 503 with {@code Retry-After}: the service is fine but has no capacity for this request right now. */
    public static ApiException busy(String message, long retryAfterSeconds) {
        return new ApiException(503, message, Map.of(), OptionalLong.of(retryAfterSeconds));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
