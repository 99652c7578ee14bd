package io.storesight.analytics;

/** The segment of an order nobody was sighted for, of an erased customer's rows, and of missing estimates. */
public final class Unknown {
    public static final String AGE_BAND = "unknown";
    public static final String GENDER = "UNKNOWN";
    public static final String TIER = "UNKNOWN";
    public static final String CATEGORY = "uncategorised";

    public static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private Unknown() {}
}
