package io.storesight.common.rest;

import java.util.Map;

/**
 * A request the service refuses, with the HTTP status and a message for the caller. Services throw it from their
 * service layer (e.g. 404 unknown customer, 409 duplicate id, 422 no face) and the mapper renders {@link ApiError}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> details;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = Map.copyOf(details);
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
}
