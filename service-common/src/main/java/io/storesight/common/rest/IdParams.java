package io.storesight.common.rest;

import java.util.Map;

import io.storesight.contracts.Ids;

/** Ids in paths and query parameters, checked against {@link Ids#PATTERN} where they enter: 400 names the field. */
public final class IdParams {

    /** {@code value}, or 400 when it is missing or not an id. */
    public static String required(String field, String value) {
        if (!Ids.valid(value)) {
            throw new ApiException(
                    400, "invalid " + field + " " + Ids.shown(value), Map.of(field, "must be " + Ids.RULE));
        }
        return value;
    }

    /** {@code value} trimmed, null when absent or blank, or 400 when it is not an id. */
    public static String optional(String field, String value) {
        return value == null || value.isBlank() ? null : required(field, value.trim());
    }

    private IdParams() {}
}
