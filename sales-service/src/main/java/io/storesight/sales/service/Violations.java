package io.storesight.sales.service;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storesight.common.rest.ApiException;

/** Collects every problem of a request so the caller learns all of them at once, not one per attempt. */
final class Violations {
    private final Map<String, Object> details = new LinkedHashMap<>();

    void add(String field, String problem) {
        details.putIfAbsent(field, problem);
    }

    void throwIfAny(String summary) {
        if (!details.isEmpty()) {
            String message = details.size() == 1
                    ? summary + ": " + details.keySet().iterator().next() + " "
                            + details.values().iterator().next()
                    : summary;
            throw new ApiException(400, message, details);
        }
    }
}
