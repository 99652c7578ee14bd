package io.storesight.common.rest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error body of every StoreSight API (docs/architecture.md, REST conventions): what is wrong, and details. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, Map<String, Object> details) {
    public static ApiError of(String error) {
        return new ApiError(error, Map.of());
    }
}
