package io.storesight.identity;

/**
 * The nearest customer of a face and the nearest <em>other</em> customer. Distances are Euclidean; a missing customer
 * has distance +∞.
 */
public record Match(String customerId, float distance, String otherCustomerId, float otherDistance) {
    public static final Match NONE = new Match(null, Float.POSITIVE_INFINITY, null, Float.POSITIVE_INFINITY);

    /** A match counts only close enough and clearly closer than anyone else. */
    public boolean accepted(double threshold, double margin) {
        return customerId != null && distance <= threshold && otherDistance - distance >= margin;
    }

    /** Close to someone but not clearly them: such a face must neither match nor start a new customer. */
    public boolean ambiguous(double threshold, double margin) {
        return customerId != null && distance <= threshold && !accepted(threshold, margin);
    }
}
