package io.storesight.identity;

/** A line of a customer's history, e.g. "Entered frame" at a camera (time in epoch ms). */
public record CustomerLog(long id, String customerId, long timestamp, String event, String cameraId, String storeId) {
    public static final String ENTERED_FRAME = "Entered frame";
    public static final String LEFT_FRAME = "Left frame";
    public static final String VISIT_STARTED = "Visit started";
    public static final String VISIT_ENDED = "Visit ended";
    public static final String VIP_ARRIVED = "VIP arrived";
    public static final String MERGED = "Merged";
    public static final String SPLIT = "Split";
    public static final String SPLIT_FROM = "Split from";
    public static final String STAFF_MARKED = "Marked as staff";
    public static final String STAFF_UNMARKED = "No longer staff";
}
